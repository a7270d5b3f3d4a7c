import { createClient, type FlagSyncWebClient, type WebClientOptions } from "@flagsync-oss/sdk-web";
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
import { type SdkContext, toSdkContext, trackedEvent } from "../shared/context.js";
import { failure, type ValueKind } from "../shared/resolution.js";
import { notInitialized, ProviderState } from "../shared/state.js";

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
  readonly metadata = { name: "@flagsync-oss/openfeature/web" } as const;
  readonly runsOn = "client";
  readonly events = new OpenFeatureEventEmitter();

  private client: FlagSyncWebClient | undefined;
  private readonly state = new ProviderState(this.events, ProviderEvents, {
    invalidContext: "the server refused the evaluation context",
    // Values of a new context: OpenFeature emits PROVIDER_CONTEXT_CHANGED for those.
    ignoresChange: () => this.identifying > 0,
  });
  /** The context has no targeting key: nothing can be evaluated for it. */
  private keyless = false;
  /** Context changes under way: the values they change are not configuration changes. */
  private identifying = 0;
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
    const user = this.userOf(context);
    if (!user) {
      this.state.phase = "error";
      throw new TargetingKeyMissingError("the context needs a targetingKey: the user's key");
    }
    await this.start(user);
  }

  /** A new user (or new attributes): their values are fetched before OpenFeature is READY again. */
  async onContextChange(_old: EvaluationContext, context: EvaluationContext): Promise<void> {
    const user = this.userOf(context);
    if (!user)
      throw new TargetingKeyMissingError("the context needs a targetingKey: the user's key");
    if (!this.client) return this.start(user);
    this.identifying++;
    try {
      if (!(await this.client.identify(user)))
        throw new GeneralError(`no flags from the server for the new context${this.state.cause()}`);
      this.state.hadFlags = true;
      this.state.phase = "ready";
    } finally {
      this.identifying--;
    }
  }

  /** Stops the client (sending what it queued). */
  async onClose(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.state.stop();
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
    const { value, properties } = trackedEvent(details);
    this.client?.track(eventName, value, properties);
  }

  /**
   * The page's user of OpenFeature's context; none without a targeting key (the server
   * evaluates for a user, and needs to know which), which the provider then is until a
   * context with a key comes.
   */
  private userOf(context: EvaluationContext): SdkContext | undefined {
    const { context: user, hasKey } = toSdkContext(context);
    this.keyless = !hasKey;
    return hasKey ? user : undefined;
  }

  private async start(user: SdkContext): Promise<void> {
    const { readyTimeoutMs: _, ...options } = this.options;
    const client = createClient({ ...options, context: user });
    this.client = client;
    this.state.follow(client);
    // Bootstrap or cached values serve the first paint; the server's follow as changes.
    const atHand = Object.keys(client.allFlagDetails()).length > 0;
    const fromServer = !atHand && (await client.ready(this.readyTimeoutMs));
    if (this.client !== client) throw new GeneralError("the provider was closed while it started");
    this.state.started(fromServer, this.readyTimeoutMs, atHand);
  }

  private resolve<T>(flagKey: string, kind: ValueKind, defaultValue: T): ResolutionDetails<T> {
    if (this.keyless)
      return failure(
        defaultValue,
        ErrorCode.TARGETING_KEY_MISSING,
        "the context has no targetingKey: set one with OpenFeature.setContext",
      );
    const client = this.client;
    if (!client) return notInitialized(defaultValue);
    return this.state.resolution(
      flagKey,
      client.flagDetails(flagKey, defaultValue as JsonValue),
      kind,
      defaultValue,
    );
  }
}
