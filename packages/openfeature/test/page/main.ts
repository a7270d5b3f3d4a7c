// The page of the browser tests: OpenFeature's web SDK with our provider, driven by the test
// through `window.openFeature` (each call answers plain JSON).
import {
  type EvaluationContext,
  type EvaluationDetails,
  type FlagValue,
  type JsonValue,
  OpenFeature,
  ProviderEvents,
  type TrackingEventDetails,
} from "@openfeature/web-sdk";
import { FlagSyncWebProvider, type FlagSyncWebProviderOptions } from "../../src/web/index.js";

/** What the test calls in the page. */
export interface PageApi {
  /** Sets the provider and waits for it: "ready", or the error it failed with. */
  start(options: FlagSyncWebProviderOptions, context: EvaluationContext): Promise<string>;
  details(
    kind: "boolean" | "string" | "number" | "object",
    key: string,
    fallback: FlagValue,
  ): EvaluationDetails<FlagValue>;
  status(): string;
  setContext(context: EvaluationContext): Promise<void>;
  track(eventName: string, details?: TrackingEventDetails): void;
  close(): Promise<void>;
  /** Every provider event the page's client saw, in order. */
  events: { type: string; flagsChanged?: string[] }[];
}

declare global {
  /** The page's API, for the test. */
  var openFeature: PageApi;
}

const events: PageApi["events"] = [];
const client = OpenFeature.getClient();
for (const type of Object.values(ProviderEvents))
  client.addHandler(type, (details) => {
    const flagsChanged = details?.flagsChanged as string[] | undefined;
    events.push({ type, ...(flagsChanged ? { flagsChanged } : {}) });
  });

const api: PageApi = {
  async start(options, context) {
    try {
      await OpenFeature.setProviderAndWait(new FlagSyncWebProvider(options), context);
      return "ready";
    } catch (error) {
      return String(error);
    }
  },
  details(kind, key, fallback) {
    switch (kind) {
      case "boolean":
        return client.getBooleanDetails(key, fallback as boolean);
      case "string":
        return client.getStringDetails(key, fallback as string);
      case "number":
        return client.getNumberDetails(key, fallback as number);
      default:
        return client.getObjectDetails(key, fallback as JsonValue);
    }
  },
  status: () => client.providerStatus,
  setContext: (context) => OpenFeature.setContext(context),
  track: (eventName, details) => client.track(eventName, details),
  close: () => OpenFeature.close(),
  events,
};
globalThis.openFeature = api;
