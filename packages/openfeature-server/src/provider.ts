import {
  type ClientEvent,
  type ClientOptions,
  createClient,
  type FlagDetails,
  type FlagSyncClient,
} from "@flagsync-oss/sdk-node";
import {
  ErrorCode,
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
import { plain, type SdkContext, toSdkContext } from "./context.js";
import { failure, resolutionOf, type ValueKind } from "./resolution.js";

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

/** Where the provider is in its life (OpenFeature's status follows from its events). */
type Phase = "closed" | "starting" | "ready" | "stale" | "error";

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
  readonly metadata = { name: "@flagsync-oss/openfeature-server" } as const;
  readonly runsOn = "server";
  readonly events = new OpenFeatureEventEmitter();

  private client: FlagSyncClient | undefined;
  private phase: Phase = "closed";
  /** Rules came from the server at least once since `initialize`. */
  private hadRules = false;
  private lastError: Error | undefined;
  private unsubscribe: (() => void) | undefined;
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
    this.phase = "starting";
    this.hadRules = false;
    this.lastError = undefined;
    this.unsubscribe = client.subscribe((event) => this.onClientEvent(event));
    const cancelled = new Promise<"closed">((resolve) => {
      this.cancelStart = () => resolve("closed");
    });
    const ready = await Promise.race([client.ready(this.readyTimeoutMs), cancelled]);
    this.cancelStart = undefined;
    if (ready === "closed" || this.client !== client)
      throw new GeneralError("the provider was closed while it started");
    // OpenFeature emits PROVIDER_READY or PROVIDER_ERROR itself when this settles.
    if (ready || this.hadRules) {
      this.hadRules = true;
      this.phase = "ready";
      return;
    }
    this.phase = "error";
    throw new GeneralError(
      `no flags from the server within ${this.readyTimeoutMs} ms${this.cause()}`,
    );
  }

  /** Stops the client made by `initialize` (sending what it has queued); a client given is yours to close. */
  async onClose(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.phase = "closed";
    this.unsubscribe?.();
    this.unsubscribe = undefined;
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
    if (!this.client) return;
    const { value, ...properties } = details;
    this.client.track(
      sdkContext,
      eventName,
      typeof value === "number" ? value : undefined,
      Object.keys(properties).length > 0
        ? (plain(properties) as Record<string, unknown>)
        : undefined,
    );
  }

  private resolve<T>(
    flagKey: string,
    kind: ValueKind,
    defaultValue: T,
    context: EvaluationContext,
  ): ResolutionDetails<T> {
    const client = this.client;
    if (!client)
      return failure(defaultValue, ErrorCode.PROVIDER_NOT_READY, "the provider is not initialized");
    const { context: sdkContext, hasKey, canBucket } = toSdkContext(context);
    const details = hasKey
      ? client.flagDetails(sdkContext, flagKey, defaultValue as JsonValue)
      : keylessDetails(client, sdkContext, flagKey);
    // Without rules from the server every flag is missing: say why, rather than FLAG_NOT_FOUND.
    if (!this.hadRules && details.errorCode === "FLAG_NOT_FOUND")
      return failure(
        defaultValue,
        ErrorCode.PROVIDER_NOT_READY,
        `no flags from the server yet${this.cause()}`,
      );
    return resolutionOf(flagKey, details, kind, defaultValue, canBucket);
  }

  /** The last problem our SDK reported, to say why there are no flags. */
  private cause(): string {
    return this.lastError ? ` (${this.lastError.message})` : "";
  }

  private onClientEvent(event: ClientEvent): void {
    switch (event.type) {
      case "ready":
        this.hadRules = true;
        // While starting, OpenFeature emits PROVIDER_READY itself when `initialize` returns.
        if (this.phase === "starting" || this.phase === "ready") return;
        this.phase = "ready";
        this.events.emit(ProviderEvents.Ready);
        return;
      case "change":
        if (this.phase === "starting") return;
        this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: event.keys });
        return;
      case "stale":
        this.phase = "stale";
        this.events.emit(ProviderEvents.Stale, event.error ? { message: event.error.message } : {});
        return;
      case "error":
        this.lastError = event.error;
        // Stale or in error already: the same state (the last rules, if any, are still served).
        if (this.phase !== "ready") return;
        this.phase = "error";
        this.events.emit(ProviderEvents.Error, { message: event.error.message });
        return;
    }
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
