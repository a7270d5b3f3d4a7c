import {
  type ClientOptions,
  createClient,
  type FlagDetails,
  type FlagSyncClient,
} from "@flagsync-oss/sdk-node";
import {
  type EvaluationContext,
  GeneralError,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  type ResolutionDetails,
  TargetingKeyMissingError,
  type TrackingEventDetails,
} from "@openfeature/server-sdk";
import { type SdkContext, toSdkContext, trackedEvent } from "../shared/context.js";
import type { ValueKind } from "../shared/resolution.js";
import { notInitialized, ProviderState } from "../shared/state.js";

/** How long `initialize` waits for the first rules by default (ms). */
const READY_TIMEOUT_MS = 5_000;

/** Options of {@link FlagSyncProvider}: our SDK's client options, or a client of yours. */
export type FlagSyncProviderOptions = (ClientOptions | { client: FlagSyncClient }) & {
  /**
   * How long `initialize` waits for the first rules (ms; default 5,000). Past it the provider
   * is in ERROR, and turns READY when the rules come.
   */
  readyTimeoutMs?: number;
};

/**
 * An OpenFeature server provider over `@flagsync-oss/sdk-node`: flags are evaluated in this
 * process with the server's rules, kept current by the SDK's live stream.
 *
 * @example
 * await OpenFeature.setProviderAndWait(new FlagSyncProvider({ sdkKey, baseUrl }));
 * const client = OpenFeature.getClient();
 * await client.getBooleanValue("new-checkout", false, { targetingKey: "user-1", plan: "pro" });
 */
export class FlagSyncProvider implements Provider {
  readonly metadata = { name: "@flagsync-oss/openfeature/server" } as const;
  readonly runsOn = "server";
  readonly events = new OpenFeatureEventEmitter();

  private client: FlagSyncClient | undefined;
  private readonly state = new ProviderState(this.events, ProviderEvents, {
    invalidContext: "the evaluation context is not an object",
  });
  /** Ends an `initialize` that is waiting when the provider is closed. */
  private cancelStart: (() => void) | undefined;
  private readonly readyTimeoutMs: number;

  constructor(private readonly options: FlagSyncProviderOptions) {
    this.readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  }

  /**
   * Starts our SDK's client (or subscribes to the one given) and waits for the first rules.
   * Throws when none came within `readyTimeoutMs`, or when closed meanwhile; OpenFeature then
   * reports the provider in ERROR, and READY once the rules come.
   */
  async initialize(): Promise<void> {
    if (this.client) return;
    const client = "client" in this.options ? this.options.client : createClient(this.options);
    this.client = client;
    this.state.follow(client);
    const cancelled = new Promise<"closed">((resolve) => {
      this.cancelStart = () => resolve("closed");
    });
    const ready = await Promise.race([client.ready(this.readyTimeoutMs), cancelled]);
    this.cancelStart = undefined;
    if (ready === "closed" || this.client !== client)
      throw new GeneralError("the provider was closed while it started");
    this.state.started(ready, this.readyTimeoutMs);
  }

  /** Stops the client made by `initialize` (sending what it has queued); a client given is yours to close. */
  async onClose(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.state.stop();
    this.cancelStart?.();
    if (!("client" in this.options)) await client.close();
  }

  async resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<boolean>> {
    return this.resolve(flagKey, "boolean", defaultValue, context);
  }

  async resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<string>> {
    return this.resolve(flagKey, "string", defaultValue, context);
  }

  async resolveNumberEvaluation(
    flagKey: string,
    defaultValue: number,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<number>> {
    return this.resolve(flagKey, "number", defaultValue, context);
  }

  async resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<T>> {
    return this.resolve(flagKey, "object", defaultValue, context);
  }

  /**
   * Queues an event for the context's subject: `details.value` is the event's value, the other
   * details its properties. A context without a targeting key is refused (nothing is sent).
   */
  track(eventName: string, context: EvaluationContext, details: TrackingEventDetails = {}): void {
    const { context: sdkContext, hasKey } = toSdkContext(context);
    if (!hasKey)
      throw new TargetingKeyMissingError("an event needs the targeting key of its subject");
    const { value, properties } = trackedEvent(details);
    this.client?.track(sdkContext, eventName, value, properties);
  }

  private resolve<T>(
    flagKey: string,
    kind: ValueKind,
    defaultValue: T,
    context: EvaluationContext,
  ): ResolutionDetails<T> {
    const client = this.client;
    if (!client) return notInitialized(defaultValue);
    const { context: sdkContext, hasKey, canBucket } = toSdkContext(context);
    const details = hasKey
      ? client.flagDetails(sdkContext, flagKey, defaultValue as JsonValue)
      : keylessDetails(client, sdkContext, flagKey);
    return this.state.resolution(flagKey, details, kind, defaultValue, canBucket);
  }
}

/**
 * A flag's details for a context without a key, recording no impression: an impression names
 * the user who saw the value, and there is none.
 */
function keylessDetails(client: FlagSyncClient, context: SdkContext, flagKey: string): FlagDetails {
  return (
    client.allFlagDetails(context)[flagKey] ?? {
      value: null,
      variant: null,
      variantId: null,
      reason: "ERROR",
      ruleId: null,
      errorCode: "FLAG_NOT_FOUND",
    }
  );
}
