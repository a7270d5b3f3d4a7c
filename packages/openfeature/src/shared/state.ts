import {
  type AnyProviderEvent,
  ErrorCode,
  GeneralError,
  type ProviderEventEmitter,
  type ResolutionDetails,
} from "@openfeature/core";
import {
  failure,
  type ResolutionOptions,
  resolutionOf,
  type SdkFlagDetails,
  type ValueKind,
} from "./resolution.js";

/** What our SDKs tell their listeners: sdk-node's and sdk-web's `ClientEvent`. */
export type SdkEvent =
  | { type: "ready" }
  | { type: "change"; keys: string[] }
  | { type: "stale"; error?: Error }
  | { type: "error"; error: Error };

/** A client of our SDKs, as far as the provider follows it. */
export interface SdkClient {
  subscribe(listener: (event: SdkEvent) => void): () => void;
}

/** The members of an OpenFeature SDK's `ProviderEvents` that a provider emits for our SDK's events. */
export interface ProviderEventNames<E> {
  Ready: E;
  Error: E;
  Stale: E;
  ConfigurationChanged: E;
}

/** Where the provider is in its life (OpenFeature's status follows from its events). */
type Phase = "closed" | "starting" | "ready" | "stale" | "error";

/** A resolution before `initialize` or after `onClose`: the caller's default, PROVIDER_NOT_READY. */
export function notInitialized<T>(defaultValue: T): ResolutionDetails<T> {
  return failure(defaultValue, ErrorCode.PROVIDER_NOT_READY, "the provider is not initialized");
}

/**
 * What a provider knows of the client of our SDK it follows: where it is in its life, whether
 * flags came from the server, the last problem. It turns the client's events into the
 * provider's events, and its flag details into resolutions.
 */
export class ProviderState<E extends AnyProviderEvent> {
  phase: Phase = "closed";
  /** Flags came from the server at least once since the provider started. */
  hadFlags = false;
  private lastError: Error | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly events: ProviderEventEmitter<E>,
    private readonly names: ProviderEventNames<E>,
    private readonly options: ResolutionOptions & {
      /** A `change` that is no configuration change (the values of a new context, say). */
      ignoresChange?: () => boolean;
    },
  ) {}

  /** Follows a client that starts: nothing has come from the server yet. */
  follow(client: SdkClient): void {
    this.unsubscribe?.();
    this.phase = "starting";
    this.hadFlags = false;
    this.lastError = undefined;
    this.unsubscribe = client.subscribe((event) => this.onClientEvent(event));
  }

  /**
   * Ends a start: READY when the server's flags came (`fromServer`) or flags were at hand
   * already (`atHand`: bootstrap or cached values), else ERROR, with the error for `initialize`
   * to throw (OpenFeature emits PROVIDER_READY or PROVIDER_ERROR itself when it settles).
   */
  started(fromServer: boolean, readyTimeoutMs: number, atHand = false): void {
    if (fromServer) this.hadFlags = true;
    if (this.hadFlags || atHand) {
      this.phase = "ready";
      return;
    }
    this.phase = "error";
    throw new GeneralError(`no flags from the server within ${readyTimeoutMs} ms${this.cause()}`);
  }

  /** Stops following the client: the provider is closed. */
  stop(): void {
    this.phase = "closed";
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /**
   * Our SDK's details of a flag as OpenFeature's resolution. Without flags from the server every
   * flag is missing: that says why (PROVIDER_NOT_READY), rather than FLAG_NOT_FOUND.
   */
  resolution<T>(
    flagKey: string,
    details: SdkFlagDetails,
    kind: ValueKind,
    defaultValue: T,
    canBucket = true,
  ): ResolutionDetails<T> {
    if (!this.hadFlags && details.errorCode === "FLAG_NOT_FOUND")
      return failure(
        defaultValue,
        ErrorCode.PROVIDER_NOT_READY,
        `no flags from the server yet${this.cause()}`,
      );
    return resolutionOf(flagKey, details, kind, defaultValue, {
      invalidContext: this.options.invalidContext,
      canBucket,
    });
  }

  /** The last problem our SDK reported, to say why there are no flags. */
  cause(): string {
    return this.lastError ? ` (${this.lastError.message})` : "";
  }

  private onClientEvent(event: SdkEvent): void {
    switch (event.type) {
      case "ready":
        this.hadFlags = true;
        // While starting, OpenFeature emits PROVIDER_READY itself when `initialize` returns.
        if (this.phase === "starting" || this.phase === "ready") return;
        this.phase = "ready";
        this.events.emit(this.names.Ready);
        return;
      case "change":
        if (this.phase === "starting" || this.options.ignoresChange?.()) return;
        this.events.emit(this.names.ConfigurationChanged, { flagsChanged: event.keys });
        return;
      case "stale":
        this.phase = "stale";
        this.events.emit(this.names.Stale, event.error ? { message: event.error.message } : {});
        return;
      case "error":
        this.lastError = event.error;
        // Stale or in error already: the same state (the last flags, if any, are still served).
        if (this.phase !== "ready") return;
        this.phase = "error";
        this.events.emit(this.names.Error, { message: event.error.message });
        return;
    }
  }
}
