// The browser client: flags evaluated by the server for the page's user (with the variant and the
// reason), kept current over a WebSocket, cached in localStorage; impressions and events queued,
// sent in batches, retried, and sent with `keepalive` when the page goes away. Web standards only,
// and small: every byte here is downloaded by every visitor.

import type { ClientEvent, EvaluationReason, FlagDetails, JsonValue } from "@flagsync-oss/core";

/** A flag's value: any JSON value. */
export type FlagValue = JsonValue;

/** Who the page is for. */
export interface WebContext {
  key: string;
  attributes?: Record<string, unknown> | null;
  /** What rollouts bucket by instead of `key` (keep the anonymous id here when a visitor signs in). */
  bucketingKey?: string;
}

/**
 * One flag's value for the client's context, and why: as the server evaluated it, or CACHED for a
 * value from the local cache served before the server answered.
 */
export type WebFlagDetails<T extends FlagValue = FlagValue> = Omit<
  FlagDetails<T>,
  "reason" | "errorCode"
> & {
  /** An {@link EvaluationReason}, or "CACHED". */
  reason: EvaluationReason | "CACHED" | (string & {});
  errorCode: string | null;
};

export interface WebClientOptions {
  /** A client SDK key of the environment. */
  clientKey: string;
  /** Where the server is, e.g. https://flags.example.com. */
  baseUrl: string;
  context: WebContext;
  /** Values computed on the server (sdk-node's `allFlagDetails(context)`) for the first paint. */
  bootstrap?: Record<string, WebFlagDetails>;
  /** Keep the last values per key and user in localStorage (default: where it exists). */
  cache?: boolean;
  /** Live updates over a WebSocket (default: where WebSocket exists). */
  live?: boolean;
  /** How often queued impressions and events are sent (ms; default 5,000). */
  flushIntervalMs?: number;
  /** How long a request may take (ms; default 10,000). */
  requestTimeoutMs?: number;
  /** The most items each queue holds; more are dropped and counted (default 1,000). */
  maxQueue?: number;
  /** Told of problems (the client never throws); default: nothing. */
  onError?: (error: Error) => void;
}

type Item = Record<string, unknown>;
/** A queued item and the context it was made for (identify changes the client's). */
type Queued = [WebContext, Item];

const NAME = "@flagsync-oss/sdk-web";
const VERSION = "0.1.0";
const STORE = "flagsync-oss";
/** keepalive requests may carry 64 KB in all: batches stay under this. */
const KEEPALIVE_BYTES = 60_000;

const g = globalThis as typeof globalThis & { document?: Document };

function randomId(): string {
  let id = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(16)))
    id += byte.toString(16).padStart(2, "0");
  return id;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

function miss<T extends FlagValue>(value: T, errorCode: string): WebFlagDetails<T> {
  return { value, variant: null, variantId: null, reason: "ERROR", ruleId: null, errorCode };
}

/** A localStorage that exists and works (private modes may throw), or undefined. */
function storage(): Storage | undefined {
  try {
    const s = g.localStorage;
    s.setItem(STORE, "1");
    return s;
  } catch {
    return undefined;
  }
}

export class FlagSyncWebClient {
  context: WebContext;
  /** Items dropped because a queue was full, by kind (reported to the server). */
  readonly dropped = { impressions: 0, events: 0 };
  private flags: Record<string, WebFlagDetails> = {};
  private readonly o: Required<Omit<WebClientOptions, "bootstrap" | "onError">> &
    Pick<WebClientOptions, "onError">;
  private readonly store: Storage | undefined;
  private readonly listeners = new Set<(event: ClientEvent) => void>();
  private readonly seen = new Set<string>();
  private impressions: Queued[] = [];
  private events: Queued[] = [];
  private live = false;
  private closed = false;
  /** Counts identify calls: an answer for an older context is dropped. */
  private generation = 0;
  private socket: WebSocket | undefined;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly timer: ReturnType<typeof setInterval>;
  private sending: Promise<void> | undefined;
  private nextSendAt = 0;
  private failures = 0;
  private reported = "0/0";
  private readonly clientId = randomId();
  private markReady!: (ok: boolean) => void;
  private readonly readyPromise = new Promise<boolean>((resolve) => {
    this.markReady = resolve;
  });
  private readonly onHide = () => {
    if (g.document?.visibilityState !== "visible") this.flushOnExit();
  };

  constructor(options: WebClientOptions) {
    this.o = {
      cache: true,
      live: typeof WebSocket === "function",
      flushIntervalMs: 5_000,
      requestTimeoutMs: 10_000,
      maxQueue: 1_000,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
    this.context = options.context;
    this.store = this.o.cache ? storage() : undefined;
    this.flags = options.bootstrap ? { ...options.bootstrap } : this.cached();
    // Events a page could not send before it went away: sent now (their ids make it once).
    try {
      const kept = JSON.parse(this.store?.getItem(this.queueKey()) ?? "[]") as Queued[];
      this.events = kept.slice(-this.o.maxQueue);
    } catch {
      // A broken entry is dropped.
    }
    this.timer = setInterval(() => void this.flush(), this.o.flushIntervalMs);
    // In Node (server-side rendering, tests) the timer does not keep the process alive.
    (this.timer as { unref?: () => void }).unref?.();
    g.addEventListener?.("pagehide", this.onHide);
    g.addEventListener?.("visibilitychange", this.onHide);
    void this.load();
  }

  /** Resolves true once values from the server arrived, or false after `timeoutMs`. */
  ready(timeoutMs = 5_000): Promise<boolean> {
    return Promise.race([
      this.readyPromise,
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
    ]);
  }

  /** The flag's value, or `defaultValue` when it cannot be served (typed by it). */
  flag(key: string, defaultValue: boolean): boolean;
  flag(key: string, defaultValue: string): string;
  flag(key: string, defaultValue: number): number;
  flag<T extends FlagValue>(key: string, defaultValue: T): T;
  flag(key: string, defaultValue: FlagValue): FlagValue {
    return this.flagDetails(key, defaultValue).value;
  }

  /** The flag's value with its variant and the reason. */
  flagDetails<T extends FlagValue>(key: string, defaultValue: T): WebFlagDetails<T> {
    try {
      const served = this.flags[key];
      if (!served) return miss(defaultValue, "FLAG_NOT_FOUND");
      // No variant could be served (an error on the server): the caller's default, and why.
      if (served.variantId === null) return { ...served, value: defaultValue } as WebFlagDetails<T>;
      if (defaultValue !== null && typeof served.value !== typeof defaultValue)
        return miss(defaultValue, "TYPE_MISMATCH");
      this.impression(key, served);
      return served as WebFlagDetails<T>;
    } catch (error) {
      this.report(error);
      return miss(defaultValue, "GENERAL");
    }
  }

  /** Every flag's details (no impressions recorded). */
  allFlagDetails(): Record<string, WebFlagDetails> {
    return { ...this.flags };
  }

  /** Queues an event for the client's context (stored once even when its batch is retried). */
  track(eventKey: string, value?: number | null, properties?: Record<string, unknown> | null) {
    try {
      this.enqueue("events", {
        id: randomId(),
        eventKey,
        ...(value === undefined ? {} : { value }),
        ...(properties === undefined ? {} : { properties }),
        timestamp: new Date().toISOString(),
      });
    } catch (error) {
      this.report(error);
    }
  }

  /** Switches to another user: their values (emitting "change"), and a live stream for them. */
  identify(context: WebContext): Promise<boolean> {
    this.context = context;
    this.generation++;
    this.disconnect();
    const cached = this.cached();
    if (Object.keys(cached).length > 0) this.replace(cached, false);
    return this.load();
  }

  /** Calls `listener` with what happens to the values; returns the function that stops it. */
  subscribe(listener: (event: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends what is queued (waits for it) unless a retry is not due yet. */
  flush(): Promise<void> {
    if (this.sending) return this.sending;
    if (
      (this.impressions.length + this.events.length === 0 && !this.dropsDue()) ||
      Date.now() < this.nextSendAt
    )
      return Promise.resolve();
    this.sending = this.send().finally(() => {
      this.sending = undefined;
    });
    return this.sending;
  }

  /** Sends what is queued and stops (the stream, the timers, the page listeners). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.retry);
    g.removeEventListener?.("pagehide", this.onHide);
    g.removeEventListener?.("visibilitychange", this.onHide);
    this.disconnect();
    this.nextSendAt = 0;
    await this.flush();
  }

  /** Values for the context from the server, then the live stream; retried with backoff. */
  private async load(): Promise<boolean> {
    const generation = this.generation;
    try {
      const answer = await this.post("/v1/sdk/flags", { context: this.context });
      if (!answer.ok) throw new Error(`/v1/sdk/flags answered ${answer.status}`);
      const body = (await answer.json()) as { flags: Record<string, WebFlagDetails> };
      if (generation !== this.generation || this.closed) return false;
      this.replace(body.flags, true);
      this.attempt = 0;
      if (this.o.live) this.connect(generation);
      return true;
    } catch (error) {
      if (generation !== this.generation || this.closed) return false;
      this.report(error);
      this.lost(error);
      this.again(generation);
      return false;
    }
  }

  private connect(generation: number) {
    const query = `x-ridgeline-key=${encodeURIComponent(this.o.clientKey)}&x-ridgeline-user-ctx=${encodeURIComponent(JSON.stringify(this.context))}`;
    const socket = new WebSocket(
      `${this.o.baseUrl.replace(/^http/, "ws")}/v1/sdk/connect?${query}`,
    );
    this.socket = socket;
    let first = true;
    socket.onmessage = (message) => {
      try {
        const update = JSON.parse(String(message.data)) as {
          type?: string;
          flags?: Record<string, WebFlagDetails | null>;
        };
        if (update.type !== "flagUpdate" || !update.flags) return;
        // The first message holds every flag: it replaces what changed while disconnected.
        if (first) this.replace(update.flags as Record<string, WebFlagDetails>, true);
        else this.merge(update.flags);
        first = false;
      } catch (error) {
        this.report(error);
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.closed || generation !== this.generation) return;
      this.socket = undefined;
      const error = new Error("the live connection closed");
      this.report(error);
      this.lost(error);
      this.again(generation);
    };
  }

  private disconnect() {
    clearTimeout(this.retry);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000);
  }

  /** Tries again later: 0.5–1 × min(1 s × 2^attempt, 30 s), fetching values first. */
  private again(generation: number) {
    clearTimeout(this.retry);
    const wait = Math.min(1000 * 2 ** this.attempt++, 30_000) * (0.5 + Math.random() / 2);
    this.retry = setTimeout(() => {
      if (generation === this.generation && !this.closed) void this.load();
    }, wait);
  }

  private lost(error: unknown) {
    if (this.live) {
      this.live = false;
      this.emit({ type: "stale", error: asError(error) });
    } else if (this.attempt === 0) this.emit({ type: "error", error: asError(error) });
  }

  /** All flags as given (flags not in `flags` are gone); `fromServer`: current values. */
  private replace(flags: Record<string, WebFlagDetails>, fromServer: boolean) {
    const gone: Record<string, null> = {};
    let had = false;
    for (const key in this.flags) {
      had = true;
      if (!(key in flags)) gone[key] = null;
    }
    const changed = this.apply({ ...gone, ...flags });
    if (fromServer) {
      this.markReady(true);
      if (!this.live) {
        this.live = true;
        this.emit({ type: "ready" });
      }
    }
    // The first values make the client ready; a change is one from values already served.
    if (had && changed.length > 0) this.emit({ type: "change", keys: changed });
  }

  private merge(flags: Record<string, WebFlagDetails | null>) {
    const changed = this.apply(flags);
    if (changed.length > 0) this.emit({ type: "change", keys: changed });
  }

  /** Applies flags (null: removed); answers the keys whose details changed, and caches them. */
  private apply(flags: Record<string, WebFlagDetails | null>): string[] {
    const changed: string[] = [];
    for (const key in flags) {
      const next = flags[key];
      if (JSON.stringify(next) === JSON.stringify(this.flags[key] ?? null)) continue;
      if (next) this.flags[key] = next;
      else delete this.flags[key];
      changed.push(key);
    }
    if (changed.length > 0)
      try {
        this.store?.setItem(this.cacheKey(), JSON.stringify(this.flags));
      } catch {
        // A full storage keeps the page working.
      }
    return changed;
  }

  /** The values cached for the context, marked CACHED. */
  private cached(): Record<string, WebFlagDetails> {
    try {
      const flags = JSON.parse(this.store?.getItem(this.cacheKey()) ?? "{}") as Record<
        string,
        WebFlagDetails
      >;
      for (const key in flags) flags[key] = { ...(flags[key] as WebFlagDetails), reason: "CACHED" };
      return flags;
    } catch {
      return {};
    }
  }

  private cacheKey() {
    return `${STORE}:${this.o.clientKey.slice(-8)}:${this.context.key}`;
  }

  private queueKey() {
    return `${STORE}:${this.o.clientKey.slice(-8)}:events`;
  }

  /** Once per user, flag and variant in the page's life; cached values are not impressions. */
  private impression(flagKey: string, served: WebFlagDetails) {
    if (served.reason === "CACHED") return;
    const seen = `${this.context.key}\u0000${flagKey}\u0000${served.variantId}`;
    if (this.seen.has(seen)) return;
    if (this.seen.size >= 10_000) this.seen.clear();
    this.seen.add(seen);
    this.enqueue("impressions", {
      flagKey,
      variantId: served.variantId,
      reason: served.reason,
      timestamp: new Date().toISOString(),
    });
  }

  private enqueue(kind: "impressions" | "events", item: Item) {
    const queue = this[kind];
    if (queue.length >= this.o.maxQueue) {
      this.dropped[kind]++;
      return;
    }
    queue.push([this.context, item]);
    if (queue.length >= 100) void this.flush();
  }

  private async send(): Promise<void> {
    let failed = false;
    for (const kind of ["impressions", "events"] as const) {
      const batch = this[kind].splice(0, 500);
      for (const [context, items] of batches(batch)) {
        const answer = await this.post(`/v1/track/${kind}/client`, {
          context,
          [kind]: items,
          sdkContext: { sdkName: NAME, sdkVersion: VERSION },
        }).catch((error: unknown) => {
          this.report(error);
          return undefined;
        });
        // Kept for another try unless refused for good (a 4xx other than 429).
        if (!answer || answer.status === 429 || answer.status >= 500) {
          this[kind].unshift(...items.map((item): Queued => [context, item]));
          failed = true;
        } else if (!answer.ok)
          this.report(new Error(`/v1/track/${kind} answered ${answer.status}`));
      }
    }
    if (!failed && this.dropsDue()) {
      const counts = `${this.dropped.impressions}/${this.dropped.events}`;
      const answer = await this.post("/v1/sdk/diagnostics/client", {
        clientId: this.clientId,
        sdkName: NAME,
        sdkVersion: VERSION,
        dropped: this.dropped,
      }).catch(() => undefined);
      if (answer && answer.status !== 429 && answer.status < 500) this.reported = counts;
    }
    this.keepEvents();
    if (failed) {
      const wait = Math.min(1000 * 2 ** this.failures++, 60_000);
      this.nextSendAt = Date.now() + wait * (0.5 + Math.random() / 2);
    } else {
      this.failures = 0;
      this.nextSendAt = 0;
    }
  }

  /** The page is going away: everything queued, with keepalive, and the events kept to resend. */
  private flushOnExit() {
    this.keepEvents();
    for (const kind of ["impressions", "events"] as const) {
      const queue = this[kind];
      // Impressions are not kept: sent now or never. Events stay kept until a send succeeds.
      if (kind === "impressions") this.impressions = [];
      for (const [context, items] of batches(queue))
        void this.post(
          `/v1/track/${kind}/client`,
          { context, [kind]: items, sdkContext: { sdkName: NAME, sdkVersion: VERSION } },
          true,
        ).catch(() => {});
    }
  }

  /** The events not yet sent, kept in localStorage for the next page. */
  private keepEvents() {
    try {
      if (this.events.length > 0) this.store?.setItem(this.queueKey(), JSON.stringify(this.events));
      else this.store?.removeItem(this.queueKey());
    } catch {
      // Nothing kept: they may still be sent by this page.
    }
  }

  private dropsDue() {
    return `${this.dropped.impressions}/${this.dropped.events}` !== this.reported;
  }

  private post(path: string, body: unknown, keepalive = false): Promise<Response> {
    return fetch(`${this.o.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": this.o.clientKey },
      body: JSON.stringify(body),
      keepalive,
      ...(keepalive ? {} : { signal: AbortSignal.timeout(this.o.requestTimeoutMs) }),
    });
  }

  private emit(event: ClientEvent) {
    for (const listener of this.listeners)
      try {
        listener(event);
      } catch (error) {
        this.report(error);
      }
  }

  private report(error: unknown) {
    try {
      this.o.onError?.(asError(error));
    } catch {
      // A listener that throws changes nothing.
    }
  }
}

const same = (a: WebContext, b: WebContext) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Queued items in runs of one context, each run cut so its body stays under keepalive's limit. */
function batches(queue: Queued[]): [WebContext, Item[]][] {
  const out: [WebContext, Item[]][] = [];
  let size = 0;
  for (const [context, item] of queue) {
    const last = out[out.length - 1];
    const bytes = JSON.stringify(item).length;
    if (last && same(last[0], context) && size + bytes < KEEPALIVE_BYTES) {
      last[1].push(item);
      size += bytes;
    } else {
      out.push([context, [item]]);
      size = bytes + JSON.stringify(context).length;
    }
  }
  return out;
}

/** A client; see {@link FlagSyncWebClient}. */
export function createClient(options: WebClientOptions): FlagSyncWebClient {
  return new FlagSyncWebClient(options);
}
