import { randomUUID } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import {
  type ClientEvent,
  type CompiledFlag,
  compileFlag,
  type EvaluationContext,
  type EvaluationErrorCode,
  type EvaluationReason,
  type EvaluationResult,
  evaluateCompiled,
  type FeatureFlagEnvironmentDetailDto,
  type FlagDetails,
  fromFlagSyncDetail,
  type JsonValue,
} from "@flagsync-oss/core";
import { Outbox } from "./outbox.js";

export interface ClientOptions {
  /** A server SDK key of the environment. */
  sdkKey: string;
  /** Where the server is, e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  /** How long a request may take (ms; default 10,000). */
  requestTimeoutMs?: number;
  /** How often queued impressions and events are sent (ms; default 5,000). */
  flushIntervalMs?: number;
  /** How often the rules are fetched while the live stream is down (ms; default 30,000). */
  pollIntervalMs?: number;
  /** The most items each queue holds; more are dropped and counted (default 10,000). */
  maxQueue?: number;
  /** Queued items that trigger a send before the flush interval (default 500). */
  batchSize?: number;
  /** An impression of the same user, flag and variant is sent once per this window (ms; default 60,000). */
  impressionWindowMs?: number;
  /**
   * A file that keeps the last rules received: read at start, so a process starting while the
   * server is down serves them (not defaults); written when rules change.
   */
  bootstrapFile?: string;
  /** Send what is queued when the process gets SIGTERM or SIGINT (default true). */
  flushOnExit?: boolean;
  /** Told of problems (the SDK never throws); default: nothing. */
  onError?: (error: Error) => void;
}

/** Users' last impression times, by flag key and variant id. */
type Seen = Map<string, Map<number, Map<string, number>>>;

const SDK_NAME = "@flagsync-oss/sdk-node";
const SDK_VERSION = "0.1.0";

/**
 * A server-side client: rules from the server (a live stream, polling while it is down),
 * evaluated locally with packages/core; impressions (deduplicated per user, flag and variant
 * within a window) and events queued, sent in batches, retried with backoff, each event with an
 * id so a retry is stored once. `flag`, `flagDetails` and `track` never throw.
 */
export class FlagSyncClient {
  /** The rules, compiled for evaluation. */
  private flags = new Map<string, CompiledFlag>();
  private readyPromise: Promise<boolean>;
  private markReady: (ok: boolean) => void = () => {};
  private closed = false;
  /** The live stream is up (rules are polled while it is not). */
  private streaming = false;
  /** Aborts every request in flight, a stream still connecting included, when the client closes. */
  private readonly shutdown = new AbortController();
  private timers: NodeJS.Timeout[] = [];
  /**
   * When each user was last sent an impression, by flag and variant: two generations, the older
   * dropped whole when the newer is full (bounded without scanning).
   */
  private seen: Seen = new Map();
  private seenBefore: Seen = new Map();
  private seenCount = 0;
  private readonly outbox: Outbox;
  private readonly options: Required<Omit<ClientOptions, "onError" | "bootstrapFile">> &
    Pick<ClientOptions, "onError" | "bootstrapFile">;
  /** The rules as received (the wire model), kept for the bootstrap file. */
  private details: Record<string, FeatureFlagEnvironmentDetailDto> = {};
  private listeners = new Set<(event: ClientEvent) => void>();
  /** Rules from the server are current (not stale, not only the bootstrap file's). */
  private live = false;
  /** Rules came from the server at least once. */
  private hadRules = false;
  /** This client, in the server's count of SDK clients and of what they dropped. */
  private readonly clientId = randomUUID();
  private saveTimer: NodeJS.Timeout | undefined;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    void this.close().finally(() => {
      // Then what the signal would have done without this listener.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };

  constructor(options: ClientOptions) {
    this.options = {
      requestTimeoutMs: 10_000,
      flushIntervalMs: 5_000,
      pollIntervalMs: 30_000,
      maxQueue: 10_000,
      batchSize: 500,
      impressionWindowMs: 60_000,
      flushOnExit: true,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
    this.outbox = new Outbox({
      ...this.options,
      sdkContext: { sdkName: SDK_NAME, sdkVersion: SDK_VERSION, clientId: this.clientId },
      report: (error) => this.report(error),
    });
    this.readyPromise = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.loadBootstrap();
    if (this.options.flushOnExit) {
      process.once("SIGTERM", this.onSignal);
      process.once("SIGINT", this.onSignal);
    }
    void this.connect();
    const flush = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    flush.unref();
    const poll = setInterval(() => {
      if (!this.streaming) void this.fetchRules();
    }, this.options.pollIntervalMs);
    poll.unref();
    this.timers.push(flush, poll);
  }

  /** Resolves true once rules arrived, or false after `timeoutMs` (flags then serve defaults). */
  ready(timeoutMs = 5_000): Promise<boolean> {
    return Promise.race([
      this.readyPromise,
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
    ]);
  }

  /** The flag's value for `context`, or `defaultValue` when it cannot be evaluated (typed by it). */
  flag(context: EvaluationContext, key: string, defaultValue: boolean): boolean;
  flag(context: EvaluationContext, key: string, defaultValue: string): string;
  flag(context: EvaluationContext, key: string, defaultValue: number): number;
  flag(context: EvaluationContext, key: string, defaultValue: JsonValue): JsonValue;
  flag(context: EvaluationContext, key: string, defaultValue: JsonValue): JsonValue {
    try {
      const result = this.serve(context, key, defaultValue);
      return typeof result === "string" || result.variantId === undefined
        ? defaultValue
        : result.value;
    } catch (error) {
      this.report(error);
      return defaultValue;
    }
  }

  /** The flag's value for `context` with its variant and the reason. */
  flagDetails<T extends JsonValue>(
    context: EvaluationContext,
    key: string,
    defaultValue: T,
  ): FlagDetails<T> {
    try {
      const result = this.serve(context, key, defaultValue);
      if (typeof result === "string") return miss(defaultValue, result);
      const details = detailsOf(result) as FlagDetails<T>;
      // No variant could be served (an error): the caller's default.
      if (result.variantId === undefined) details.value = defaultValue;
      return details;
    } catch (error) {
      this.report(error);
      return miss(defaultValue, "GENERAL");
    }
  }

  /**
   * Evaluates a flag and records the impression of the variant served: the result (without a
   * variant when none could be served), or why the caller's default is served instead.
   */
  private serve(
    context: EvaluationContext,
    key: string,
    defaultValue: JsonValue,
  ): EvaluationResult | "FLAG_NOT_FOUND" | "TYPE_MISMATCH" {
    const compiled = this.flags.get(key);
    if (compiled === undefined) return "FLAG_NOT_FOUND";
    const result = evaluateCompiled(compiled, context);
    if (result.variantId === undefined) return result;
    if (defaultValue !== null && typeof result.value !== typeof defaultValue)
      return "TYPE_MISMATCH";
    this.impression(context, key, result.variantId, result.reason);
    return result;
  }

  /**
   * Every flag's details for `context`, recording no impressions: for values computed on the
   * server and handed to a page (sdk-web's `bootstrap`), whose SDK records them when it serves them.
   */
  allFlagDetails(context: EvaluationContext): Record<string, FlagDetails> {
    const all: Record<string, FlagDetails> = {};
    for (const [key, flag] of this.flags) {
      try {
        all[key] = detailsOf(evaluateCompiled(flag, context, { defaultValue: null }));
      } catch (error) {
        this.report(error);
      }
    }
    return all;
  }

  /**
   * Calls `listener` with what happens to the client's rules (ready, change, stale, error);
   * returns the function that stops it. A listener that throws changes nothing.
   */
  subscribe(listener: (event: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues an event for `context` (sent in batches; stored once even when a batch is retried). */
  track(
    context: EvaluationContext,
    eventKey: string,
    value?: number | null,
    properties?: Record<string, unknown> | null,
  ): void {
    try {
      this.outbox.event({
        id: randomUUID(),
        context,
        eventKey,
        ...(value === undefined ? {} : { value }),
        ...(properties === undefined ? {} : { properties }),
        timestamp: new Date().toISOString(),
      });
    } catch (error) {
      this.report(error);
    }
  }

  /** Sends what is queued now (waits for it); failures stay queued for the next try. */
  flush(): Promise<void> {
    return this.outbox.flush();
  }

  /** Items dropped because a queue was full, by kind (also reported to the server). */
  get dropped(): { impressions: number; events: number } {
    return this.outbox.dropped;
  }

  /** Sends what is queued and stops (the stream, the timers). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    process.removeListener("SIGTERM", this.onSignal);
    process.removeListener("SIGINT", this.onSignal);
    for (const timer of this.timers) clearInterval(timer);
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveBootstrap();
    }
    this.shutdown.abort();
    await this.outbox.flushNow();
  }

  private impression(
    context: EvaluationContext,
    flagKey: string,
    variantId: number,
    reason: EvaluationReason,
  ) {
    const now = Date.now();
    let byVariant = this.seen.get(flagKey);
    if (byVariant === undefined) {
      byVariant = new Map();
      this.seen.set(flagKey, byVariant);
    }
    let users = byVariant.get(variantId);
    if (users === undefined) {
      users = new Map();
      byVariant.set(variantId, users);
    }
    const last =
      users.get(context.key) ?? this.seenBefore.get(flagKey)?.get(variantId)?.get(context.key);
    if (last !== undefined && now - last < this.options.impressionWindowMs) return;
    users.set(context.key, now);
    if (++this.seenCount >= 50_000) {
      this.seenBefore = this.seen;
      this.seen = new Map();
      this.seenCount = 0;
    }
    this.outbox.impression(context, flagKey, variantId, reason, now);
  }

  private async fetchRules(): Promise<void> {
    try {
      const response = await fetch(`${this.options.baseUrl}/sdk/rules`, {
        headers: { accept: "application/json", "x-ridgeline-key": this.options.sdkKey },
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
      if (!response.ok) throw new Error(`/sdk/rules answered ${response.status}`);
      const payload = (await response.json()) as {
        flags?: Record<string, FeatureFlagEnvironmentDetailDto>;
      };
      this.replace(payload.flags ?? {});
    } catch (error) {
      this.report(error);
      if (!this.live) this.emit({ type: "error", error: asError(error) });
    }
  }

  /** Reads the live stream: its first message is every flag, then the changed ones. */
  private async connect(): Promise<void> {
    let attempt = 0;
    while (!this.closed) {
      try {
        const response = await fetch(`${this.options.baseUrl}/sse/sdk-updates/server`, {
          headers: { accept: "text/event-stream", "x-ridgeline-key": this.options.sdkKey },
          signal: this.shutdown.signal,
        });
        if (!response.ok || !response.body)
          throw new Error(`the stream answered ${response.status}`);
        this.streaming = true;
        let first = true;
        let buffer = "";
        const decoder = new TextDecoder();
        for await (const chunk of response.body) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let end = buffer.indexOf("\n\n");
          while (end >= 0) {
            const data = buffer
              .slice(0, end)
              .split("\n")
              .filter((line) => line.startsWith("data:"))
              .map((line) => line.slice(5).replace(/^ /, ""))
              .join("\n");
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf("\n\n");
            if (!data) continue;
            const map = JSON.parse(data) as Record<string, FeatureFlagEnvironmentDetailDto | null>;
            if (first) this.replace(map);
            else {
              const changed = this.merge(map);
              if (changed.length > 0) this.emit({ type: "change", keys: changed });
            }
            first = false;
            attempt = 0;
          }
        }
        throw new Error("the stream ended");
      } catch (error) {
        this.streaming = false;
        if (this.closed) return;
        this.report(error);
        if (this.live) {
          this.live = false;
          this.emit({ type: "stale", error: asError(error) });
        }
        if (attempt === 0) void this.fetchRules();
        attempt++;
        // Jittered backoff: 0.5–1 × min(1 s × 2^attempt, 30 s).
        const wait = Math.min(1000 * 2 ** attempt, 30_000) * (0.5 + Math.random() / 2);
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    }
  }

  /** Every flag, as the server has them now: flags not named are gone. */
  private replace(map: Record<string, FeatureFlagEnvironmentDetailDto | null>) {
    const gone = Object.fromEntries(
      Object.keys(this.details)
        .filter((key) => !(key in map))
        .map((key) => [key, null]),
    );
    const changed = this.merge({ ...gone, ...map });
    const first = !this.hadRules;
    this.hadRules = true;
    this.markReady(true);
    if (!this.live) {
      this.live = true;
      this.emit({ type: "ready" });
    }
    // The first rules make the client ready; later ones (a reconnect, a poll) may change flags.
    if (!first && changed.length > 0) this.emit({ type: "change", keys: changed });
  }

  /** Applies changed flags (null: removed); answers the keys that really changed. */
  private merge(map: Record<string, FeatureFlagEnvironmentDetailDto | null>): string[] {
    const changed: string[] = [];
    for (const [key, detail] of Object.entries(map)) {
      const before = this.details[key];
      if (detail === null) {
        if (before === undefined) continue;
        this.flags.delete(key);
        delete this.details[key];
      } else {
        if (before !== undefined && JSON.stringify(before) === JSON.stringify(detail)) continue;
        this.flags.set(key, compileFlag(fromFlagSyncDetail(detail)));
        this.details[key] = detail;
      }
      changed.push(key);
    }

    if (this.options.bootstrapFile && !this.saveTimer && changed.length > 0) {
      this.saveTimer = setTimeout(() => this.saveBootstrap(), 1000);
      this.saveTimer.unref();
    }
    return changed;
  }

  /** The last rules kept, if the file holds any (the server's, once they come, replace them). */
  private loadBootstrap() {
    const file = this.options.bootstrapFile;
    if (!file) return;
    try {
      const map = JSON.parse(readFileSync(file, "utf8")) as Record<
        string,
        FeatureFlagEnvironmentDetailDto
      >;
      for (const [key, detail] of Object.entries(map)) {
        this.flags.set(key, compileFlag(fromFlagSyncDetail(detail)));
        this.details[key] = detail;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") this.report(error);
    }
  }

  /** Writes the rules to the bootstrap file whole (a new file renamed over the old one). */
  private saveBootstrap() {
    this.saveTimer = undefined;
    const file = this.options.bootstrapFile;
    if (!file) return;
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify(this.details));
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      this.report(error);
    }
  }

  private emit(event: ClientEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.report(error);
      }
    }
  }

  private report(error: unknown) {
    if (this.closed && error instanceof Error && error.name === "AbortError") return;
    try {
      this.options.onError?.(asError(error));
    } catch {
      // A listener that throws changes nothing.
    }
  }
}

function detailsOf(result: EvaluationResult): FlagDetails {
  return {
    value: result.value,
    variant: result.variantKey ?? null,
    variantId: result.variantId ?? null,
    reason: result.reason,
    ruleId: result.ruleId ?? null,
    errorCode: result.errorCode ?? null,
  };
}

function miss<T extends JsonValue>(value: T, errorCode: EvaluationErrorCode): FlagDetails<T> {
  return { value, variant: null, variantId: null, reason: "ERROR", ruleId: null, errorCode };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A client; see {@link FlagSyncClient}. */
export function createClient(options: ClientOptions): FlagSyncClient {
  return new FlagSyncClient(options);
}
