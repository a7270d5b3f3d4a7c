import {
  type ClientEvent,
  createClient,
  type FlagSyncWebClient,
  type WebClientOptions,
} from "@flagsync-oss/sdk-web";
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
} from "@openfeature/web-sdk";
import { plain, toWebContext, type WebContext } from "./context.js";
import { failure, resolutionOf, type ValueKind } from "./resolution.js";

/** How long `initialize` and a context change wait for the server's values by default (ms). */
const READY_TIMEOUT_MS = 5_000;

/** Options of {@link FlagSyncWebProvider}: our web SDK's, less the context (OpenFeature's). */
export type FlagSyncWebProviderOptions = Omit<WebClientOptions, "context"> & {
  /**
   * How long `initialize` waits for the server's values (ms; default 5,000). Past it the
   * provider is in ERROR, and turns READY when they come. Values from `bootstrap` or the
   * cache make it ready at once.
   */
  readyTimeoutMs?: number;
};

/** Where the provider is in its life (OpenFeature's status follows from its events). */
type Phase = "closed" | "starting" | "ready" | "stale" | "error";

/**
 * An OpenFeature web provider over `@flagsync-oss/sdk-web` (static context: one user per page).
 * OpenFeature's context is the user: `targetingKey` their key, the other fields attributes. A
 * new context (`OpenFeature.setContext`) fetches that user's values.
 *
 * @example
 * await OpenFeature.setProviderAndWait(new FlagSyncWebProvider({ clientKey, baseUrl }), {
 *   targetingKey: "user-1",
 *   plan: "pro",
 * });
 * OpenFeature.getClient().getBooleanValue("new-checkout", false);
 */
export class FlagSyncWebProvider implements Provider {
  readonly metadata = { name: "@flagsync-oss/openfeature-web" } as const;
  readonly runsOn = "client";
  readonly events = new OpenFeatureEventEmitter();

  private client: FlagSyncWebClient | undefined;
  private phase: Phase = "closed";
  /** Values came from the server at least once since `initialize`. */
  private hadValues = false;
  /** The context has no targeting key: nothing can be evaluated for it. */
  private keyless = false;
  /** Context changes under way: the values they change are not configuration changes. */
  private identifying = 0;
  private lastError: Error | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly readyTimeoutMs: number;

  constructor(private readonly options: FlagSyncWebProviderOptions) {
    this.readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  }

  /**
   * Starts our web SDK's client for the context's user and waits for the server's values
   * (not when bootstrap or cached values are there already). Throws without a targeting key,
   * or when no values came within `readyTimeoutMs`; OpenFeature then reports the provider in
   * ERROR, and READY once they come.
   */
  async initialize(context: EvaluationContext = {}): Promise<void> {
    if (this.client) return;
    this.hadValues = false;
    this.lastError = undefined;
    const user = toWebContext(context);
    this.keyless = user === undefined;
    if (!user) {
      this.phase = "error";
      throw new TargetingKeyMissingError("the context needs a targetingKey: the user's key");
    }
    await this.start(user);
  }

  /** A new user (or new attributes): their values are fetched before OpenFeature is READY again. */
  async onContextChange(_old: EvaluationContext, context: EvaluationContext): Promise<void> {
    const user = toWebContext(context);
    this.keyless = user === undefined;
    if (!user)
      throw new TargetingKeyMissingError("the context needs a targetingKey: the user's key");
    if (!this.client) return this.start(user);
    this.identifying++;
    try {
      if (!(await this.client.identify(user)))
        throw new GeneralError(`no flags from the server for the new context${this.cause()}`);
      this.hadValues = true;
      this.phase = "ready";
    } finally {
      this.identifying--;
    }
  }

  /** Stops the client (sending what it queued). */
  async onClose(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.phase = "closed";
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await client.close();
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): ResolutionDetails<boolean> {
    return this.resolve(flagKey, "boolean", defaultValue);
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string): ResolutionDetails<string> {
    return this.resolve(flagKey, "string", defaultValue);
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    return this.resolve(flagKey, "number", defaultValue);
  }

  resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
  ): ResolutionDetails<T> {
    return this.resolve(flagKey, "object", defaultValue);
  }

  /**
   * Queues an event of the page's user: `details.value` is the event's value, the other
   * details its properties. Refused without a targeting key (nothing is sent).
   */
  track(eventName: string, _context: EvaluationContext, details: TrackingEventDetails = {}): void {
    if (this.keyless)
      throw new TargetingKeyMissingError("an event needs the targeting key of its subject");
    const { value, ...properties } = details;
    this.client?.track(
      eventName,
      typeof value === "number" ? value : undefined,
      Object.keys(properties).length > 0
        ? (plain(properties) as Record<string, unknown>)
        : undefined,
    );
  }

  private async start(user: WebContext): Promise<void> {
    const { readyTimeoutMs: _, ...options } = this.options;
    const client = createClient({ ...options, context: user });
    this.client = client;
    this.phase = "starting";
    this.unsubscribe = client.subscribe((event) => this.onClientEvent(event));
    // Bootstrap or cached values serve the first paint; the server's follow as changes.
    const ready =
      Object.keys(client.allFlagDetails()).length > 0 || (await client.ready(this.readyTimeoutMs));
    if (this.client !== client) throw new GeneralError("the provider was closed while it started");
    if (ready || this.hadValues) {
      this.phase = "ready";
      return;
    }
    this.phase = "error";
    throw new GeneralError(
      `no flags from the server within ${this.readyTimeoutMs} ms${this.cause()}`,
    );
  }

  private resolve<T>(flagKey: string, kind: ValueKind, defaultValue: T): ResolutionDetails<T> {
    if (this.keyless)
      return failure(
        defaultValue,
        ErrorCode.TARGETING_KEY_MISSING,
        "the context has no targetingKey: set one with OpenFeature.setContext",
      );
    const client = this.client;
    if (!client)
      return failure(defaultValue, ErrorCode.PROVIDER_NOT_READY, "the provider is not initialized");
    const details = client.flagDetails(flagKey, defaultValue as JsonValue);
    // Without values from the server every flag is missing: say why, rather than FLAG_NOT_FOUND.
    if (!this.hadValues && details.errorCode === "FLAG_NOT_FOUND")
      return failure(
        defaultValue,
        ErrorCode.PROVIDER_NOT_READY,
        `no flags from the server yet${this.cause()}`,
      );
    return resolutionOf(flagKey, details, kind, defaultValue);
  }

  /** The last problem our SDK reported, to say why there are no flags. */
  private cause(): string {
    return this.lastError ? ` (${this.lastError.message})` : "";
  }

  private onClientEvent(event: ClientEvent): void {
    switch (event.type) {
      case "ready":
        this.hadValues = true;
        // While starting, OpenFeature emits PROVIDER_READY itself when `initialize` returns.
        if (this.phase === "starting" || this.phase === "ready") return;
        this.phase = "ready";
        this.events.emit(ProviderEvents.Ready);
        return;
      case "change":
        // Values of a new context: OpenFeature emits PROVIDER_CONTEXT_CHANGED for those.
        if (this.phase === "starting" || this.identifying > 0) return;
        this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: event.keys });
        return;
      case "stale":
        this.phase = "stale";
        this.events.emit(ProviderEvents.Stale, event.error ? { message: event.error.message } : {});
        return;
      case "error":
        this.lastError = event.error;
        // Stale or in error already: the same state (the last values, if any, are still served).
        if (this.phase !== "ready") return;
        this.phase = "error";
        this.events.emit(ProviderEvents.Error, { message: event.error.message });
        return;
    }
  }
}
