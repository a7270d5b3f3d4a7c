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

/** Options of {@link createClient}. */
export interface WebClientOptions {
  /** A client SDK key of the environment. */
  clientKey: string;
  /** Where the server is, e.g. https://flags.example.com. */
  baseUrl: string;
  context: WebContext;
  /** Values computed on the server (sdk-node's `allFlagDetails(context)`) for the first paint. */
  bootstrap?: Record<string, WebFlagDetails>;
  /** Keep the last values of the last user in localStorage (default: where it exists). */
  cache?: boolean;
  /** Live updates over a WebSocket (default: where WebSocket exists). */
  live?: boolean;
  /** How often queued impressions and events are sent (ms; default 5,000). */
  flushIntervalMs?: number;
  /** How long a request may take (ms; default 10,000). */
  requestTimeoutMs?: number;
  /**
   * The first retry's wait (ms; default 1,000) after a failed request or a lost connection;
   * it doubles with each failure in a row, up to 30 times this (60 for events), jittered.
   */
  retryMs?: number;
  /** The most items each queue holds; more are dropped and counted (default 1,000). */
  maxQueue?: number;
  /** Told of problems (the client never throws); default: nothing. */
  onError?: (error: Error) => void;
}

type Item = Record<string, unknown>;
/** A queued item and the context it was made for (identify changes the client's). */
type Queued = [WebContext, Item];
type Kind = "impressions" | "events";
/** Flags by key; null: removed. */
type Flags = Map<string, WebFlagDetails | null>;

const NAME = "@flagsync-oss/sdk-web";
const VERSION = "0.1.0";
const SDK = { sdkName: NAME, sdkVersion: VERSION };
const STORE = "flagsync-oss";
/** Keepalive requests in flight may carry 64 KiB in all: a page's exit sends at most this. */
const KEEPALIVE_BYTES = 60_000;

const g = globalThis as typeof globalThis & { document?: Document; location?: Location };

/** A random UUID: crypto.randomUUID, which only secure contexts have, or one from getRandomValues. */
const uuid = (): string =>
  crypto.randomUUID?.() ??
  "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
    (+c ^ ((crypto.getRandomValues(new Uint8Array(1))[0] as number) & (15 >> (+c / 4)))).toString(
      16,
    ),
  );

/** The UTF-8 size of a value's JSON. */
const bytes = (value: unknown) => new Blob([JSON.stringify(value)]).size;

/** A timer that does not keep Node alive (server-side rendering, tests). */
function unref<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

/** A JSON value's own copy (what the caller changes later is not sent); throws on what JSON cannot hold. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** Whether an answer is final: accepted, or refused for good (a 4xx other than 429). */
const settled = (answer: Response | undefined) =>
  !!answer && answer.status !== 429 && answer.status < 500;

/** Whether two flags' details are the same (values compared as JSON). */
const same = (a?: WebFlagDetails | null, b?: WebFlagDetails) =>
  a === b ||
  (!!a &&
    !!b &&
    a.variantId === b.variantId &&
    a.variant === b.variant &&
    a.reason === b.reason &&
    a.ruleId === b.ruleId &&
    a.errorCode === b.errorCode &&
    (a.value === b.value || JSON.stringify(a.value) === JSON.stringify(b.value)));

function miss<T extends FlagValue>(value: T, errorCode: string): WebFlagDetails<T> {
  return { value, variant: null, variantId: null, reason: "ERROR", ruleId: null, errorCode };
}

/**
 * The flags of a payload (server, stream, bootstrap or storage), which may be anything: only
 * entries that are details are taken, and null ones (removals) where `removals` allows.
 */
function flagsOf(raw: unknown, removals = false): Flags | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const flags: Flags = new Map();
  for (const key in raw) {
    const details = (raw as Record<string, unknown>)[key];
    if (details === null ? removals : typeof details === "object" && "value" in details)
      flags.set(key, details as WebFlagDetails | null);
  }
  return flags;
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

/**
 * Flags for one user, evaluated by the server, with impressions and events sent to it. Never
 * throws: a flag that cannot be served gives the caller's default.
 */
export class FlagSyncWebClient {
  context: WebContext;
  /** Items dropped because a queue was full, by kind (reported to the server). */
  readonly dropped = { impressions: 0, events: 0 };
  private flags = new Map<string, WebFlagDetails>();
  /** Whom the values are for: until identify's values come, the previous user. */
  private valuesFor: WebContext;
  private readonly o: Required<Omit<WebClientOptions, "bootstrap" | "onError">> &
    Pick<WebClientOptions, "onError">;
  private readonly store: Storage | undefined;
  private readonly listeners = new Set<(event: ClientEvent) => void>();
  private readonly seen = new Set<string>();
  private impressions: Queued[] = [];
  /** Events stay here, and kept in localStorage, until the server answers for them. */
  private events: Queued[] = [];
  private live = false;
  private closed = false;
  /** Counts identify calls: an answer for an older context is dropped. */
  private generation = 0;
  private socket: WebSocket | undefined;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  /** Closes a live connection that went quiet (a dead one may look open for hours). */
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private readonly timer: ReturnType<typeof setInterval>;
  private sending: Promise<void> | undefined;
  private nextSendAt = 0;
  private failures = 0;
  private reported = "0/0";
  private readonly clientId = uuid();
  private markReady!: (ok: boolean) => void;
  private readonly readyPromise = new Promise<boolean>((resolve) => {
    this.markReady = resolve;
  });
  private readonly onHide = (event: Event) => {
    if (event.type === "pagehide" || g.document?.visibilityState === "hidden") this.flushOnExit();
  };

  constructor(options: WebClientOptions) {
    this.o = {
      cache: true,
      live: typeof WebSocket === "function",
      flushIntervalMs: 5_000,
      requestTimeoutMs: 10_000,
      retryMs: 1_000,
      maxQueue: 1_000,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
    try {
      this.context = copy(options.context);
    } catch {
      this.context = options.context; // not JSON: its requests fail, and are reported
    }
    this.valuesFor = this.context;
    this.store = this.o.cache ? storage() : undefined;
    this.flags = (flagsOf(options.bootstrap) as typeof this.flags | undefined) ?? this.cached();
    this.events = this.claimKept();
    this.timer = unref(setInterval(() => void this.flush(), this.o.flushIntervalMs));
    g.addEventListener?.("pagehide", this.onHide);
    g.addEventListener?.("visibilitychange", this.onHide);
    // Not before the caller's next statement: a client closed at once (rendering on a server)
    // asks nothing. Events kept by earlier pages go now.
    queueMicrotask(() => {
      void this.load(0);
      void this.flush();
    });
  }

  /** Resolves true once values from the server arrived, or false after `timeoutMs`. */
  ready(timeoutMs = 5_000): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
      this.readyPromise,
      new Promise<boolean>((resolve) => {
        timer = setTimeout(resolve, timeoutMs, false);
      }),
    ]).finally(() => clearTimeout(timer));
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
      const served = this.flags.get(key);
      if (!served) return miss(defaultValue, "FLAG_NOT_FOUND");
      // No variant could be served (an error on the server): the caller's default, and why.
      if (served.variantId == null) return { ...served, value: defaultValue } as WebFlagDetails<T>;
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
    return Object.fromEntries(this.flags);
  }

  /** Queues an event for the client's context (stored once even when its batch is retried). */
  track(eventKey: string, value?: number | null, properties?: Record<string, unknown> | null) {
    try {
      this.enqueue(
        "events",
        copy({
          id: uuid(),
          eventKey,
          ...(value === undefined ? {} : { value }),
          ...(properties === undefined ? {} : { properties }),
          timestamp: new Date().toISOString(),
        }),
      );
    } catch (error) {
      this.report(error);
    }
  }

  /**
   * Switches to another user: their cached values at once if any, then the server's (emitting
   * "change" with the keys that changed), and a live stream for them. Resolves whether the
   * server's values came.
   */
  identify(context: WebContext): Promise<boolean> {
    try {
      this.context = copy(context);
    } catch (error) {
      this.report(error);
      return Promise.resolve(false);
    }
    this.generation++;
    this.attempt = 0;
    this.disconnect();
    const cached = this.cached();
    if (cached.size > 0) this.replace(cached, false);
    return this.load(this.generation);
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
    this.sending = this.send()
      .catch(this.report.bind(this))
      .finally(() => {
        this.sending = undefined;
      });
    return this.sending;
  }

  /** Sends what is queued and stops (the stream, the timers, the page listeners). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    g.removeEventListener?.("pagehide", this.onHide);
    g.removeEventListener?.("visibilitychange", this.onHide);
    this.disconnect();
    await this.sending;
    this.nextSendAt = 0;
    await this.flush();
  }

  /** Values for the context from the server, then the live stream; retried with backoff. */
  private async load(generation: number): Promise<boolean> {
    if (generation !== this.generation || this.closed) return false;
    try {
      const answer = await this.post("/v1/sdk/flags", { context: this.context });
      if (!answer.ok) throw new Error(`/v1/sdk/flags answered ${answer.status}`);
      const flags = flagsOf(((await answer.json()) as { flags?: unknown } | null)?.flags);
      if (!flags) throw new Error("/v1/sdk/flags answered no flags");
      if (generation !== this.generation || this.closed) return false;
      this.replace(flags);
      if (this.o.live) this.connect(generation);
      return true;
    } catch (error) {
      if (generation !== this.generation || this.closed) return false;
      this.lost(error);
      this.again(generation, false);
      return false;
    }
  }

  /**
   * The live stream: a full snapshot first, then changes, and pings. A connection that broke
   * after it delivered makes the values stale and is opened again; one that never delivered
   * (refused, blocked, hanging) is tried again after fetching the values (polling while it is
   * down). Backoff starts over once a connection lasted a heartbeat (its second ping: the
   * first comes with the snapshot).
   */
  private connect(generation: number) {
    let delivered = false;
    let pings = 0;
    let quiet = this.o.requestTimeoutMs;
    let socket: WebSocket;
    const fail = () => {
      if (this.socket !== socket) return;
      this.disconnect();
      if (delivered) this.lost(new Error("the live connection closed"));
      this.again(generation, delivered);
    };
    const watch = () => {
      if (this.socket !== socket) return;
      clearTimeout(this.watchdog);
      this.watchdog = setTimeout(fail, quiet);
    };
    try {
      const url = new URL(`${this.o.baseUrl}/v1/sdk/connect`, g.location?.href);
      url.protocol = url.protocol.replace("http", "ws");
      url.search = new URLSearchParams({
        "x-ridgeline-key": this.o.clientKey,
        "x-ridgeline-user-ctx": JSON.stringify(this.context),
      }).toString();
      this.socket = socket = new WebSocket(url);
    } catch (error) {
      this.report(error);
      return this.again(generation, false);
    }
    socket.onclose = fail;
    socket.onmessage = (message) => {
      if (this.socket !== socket) return;
      try {
        const update = JSON.parse(String(message.data)) as {
          type?: unknown;
          flags?: unknown;
          intervalMs?: number;
        };
        if (update.type === "ping") {
          // Quiet for two pings and a request's time: dead.
          quiet = 2 * (update.intervalMs as number) + this.o.requestTimeoutMs || quiet;
          if (pings++) this.attempt = 0;
        }
        const flags = update.type === "flagUpdate" && flagsOf(update.flags, true);
        if (flags && delivered) this.merge(flags);
        else if (flags) {
          delivered = true;
          this.replace(flags);
        }
      } catch (error) {
        this.report(error);
      }
      watch();
    };
    watch();
  }

  private disconnect() {
    clearTimeout(this.retry);
    clearTimeout(this.watchdog);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000);
  }

  /**
   * Tries again in 0.5–1 × min(2^attempt, 30) × retryMs: the live stream at once (`direct`),
   * or the values first.
   */
  private again(generation: number, direct: boolean) {
    clearTimeout(this.retry);
    const wait = this.backoff(this.attempt++, 30);
    this.retry = unref(
      setTimeout(() => {
        if (generation !== this.generation || this.closed) return;
        if (direct) this.connect(generation);
        else void this.load(generation);
      }, wait),
    );
  }

  private lost(error: unknown) {
    this.report(error);
    if (this.live) {
      this.live = false;
      this.emit({ type: "stale", error: asError(error) });
    } else if (this.attempt === 0) this.emit({ type: "error", error: asError(error) });
  }

  /** Every flag of the context (others are gone); `fromServer`: current values, so ready. */
  private replace(flags: Flags, fromServer = true) {
    const had = this.flags.size > 0;
    for (const key of this.flags.keys()) if (!flags.has(key)) flags.set(key, null);
    this.valuesFor = this.context;
    const changed = this.apply(flags);
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

  private merge(flags: Flags) {
    const changed = this.apply(flags);
    if (changed.length > 0) this.emit({ type: "change", keys: changed });
  }

  /** Applies flags (null: removed); answers the keys whose details changed, and caches them. */
  private apply(flags: Flags): string[] {
    const changed: string[] = [];
    for (const [key, next] of flags) {
      if (same(next, this.flags.get(key))) continue;
      if (next) this.flags.set(key, next);
      else this.flags.delete(key);
      changed.push(key);
    }
    if (changed.length > 0)
      try {
        // One user's values per key: the cache stays as small as one answer.
        this.store?.setItem(
          `${this.storeKey()}flags`,
          JSON.stringify({ key: this.valuesFor.key, flags: Object.fromEntries(this.flags) }),
        );
      } catch {
        // A full storage keeps the page working.
      }
    return changed;
  }

  /** The values cached for the context, marked CACHED. */
  private cached(): Map<string, WebFlagDetails> {
    const flags = new Map<string, WebFlagDetails>();
    try {
      const kept = JSON.parse(this.store?.getItem(`${this.storeKey()}flags`) ?? "{}");
      if (kept.key === this.context.key)
        for (const [key, details] of flagsOf(kept.flags) ?? [])
          flags.set(key, { ...(details as WebFlagDetails), reason: "CACHED" });
    } catch {
      // A broken entry is no cache.
    }
    return flags;
  }

  private storeKey() {
    return `${STORE}:${this.o.clientKey.slice(-8)}:`;
  }

  /**
   * Events that pages of this key could not send (each keeps its own entry, so two tabs never
   * overwrite each other's), taken over to send now: their ids make them stored once.
   */
  private claimKept(): Queued[] {
    const kept = new Map<unknown, Queued>();
    const store = this.store;
    for (const name of Object.keys(store ?? {}))
      try {
        if (!name.startsWith(`${this.storeKey()}events`)) continue;
        const entry = store?.getItem(name);
        store?.removeItem(name);
        for (const queued of JSON.parse(entry as string) as Queued[])
          kept.set(queued[1].id, queued);
      } catch {
        // A broken entry is dropped.
      }
    return [...kept.values()].slice(-this.o.maxQueue);
  }

  /** This page's events not yet sent, kept in localStorage for the next page. */
  private keepEvents() {
    const name = `${this.storeKey()}events:${this.clientId}`;
    try {
      if (this.events.length > 0) this.store?.setItem(name, JSON.stringify(this.events));
      else this.store?.removeItem(name);
    } catch {
      // Nothing kept: they may still be sent by this page.
    }
  }

  /** Once per user, flag and variant in the page's life; cached values are not impressions. */
  private impression(flagKey: string, served: WebFlagDetails) {
    // Values of the previous user while identify waits for the new one's are not theirs.
    if (served.reason === "CACHED" || this.valuesFor !== this.context) return;
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

  private enqueue(kind: Kind, item: Item) {
    const queue = this[kind];
    if (queue.length >= this.o.maxQueue) {
      this.dropped[kind]++;
      return;
    }
    queue.push([this.context, item]);
    if (queue.length >= 100) void this.flush();
  }

  /** Removes sent (or refused) items from their queue, wherever they are in it now. */
  private remove(kind: Kind, sent: Queued[]) {
    const done = new Set(sent);
    this[kind] = this[kind].filter((queued) => !done.has(queued));
  }

  private async send(): Promise<void> {
    let failed = false;
    for (const kind of ["impressions", "events"] as const) {
      for (const run of batches(this[kind].slice(0, 500), KEEPALIVE_BYTES)) {
        const answer = await this.post(`/v1/track/${kind}/client`, body(kind, run)).catch(
          (error: unknown) => void this.report(error),
        );
        // Kept for another try unless final; the rest of this kind waits too (the other kind
        // is tried: events never wait for impressions that a proxy refuses).
        if (!settled(answer)) {
          failed = true;
          break;
        }
        if (!answer?.ok) this.report(new Error(`/v1/track/${kind} answered ${answer?.status}`));
        this.remove(kind, run);
      }
    }
    if (!failed && this.dropsDue()) {
      const counts = `${this.dropped.impressions}/${this.dropped.events}`;
      const answer = await this.post("/v1/sdk/diagnostics/client", {
        clientId: this.clientId,
        ...SDK,
        dropped: this.dropped,
      }).catch(() => undefined);
      if (settled(answer)) this.reported = counts;
    }
    this.keepEvents();
    if (failed) {
      this.nextSendAt = Date.now() + this.backoff(this.failures++, 60);
    } else {
      this.failures = 0;
      this.nextSendAt = 0;
    }
  }

  /**
   * The page is going away: what is queued, with keepalive, up to the 64 KiB that keepalive
   * requests may carry in all (events first). Events stay kept in localStorage until the
   * server answered for them; impressions are sent now or never.
   */
  private flushOnExit() {
    this.keepEvents();
    let budget = KEEPALIVE_BYTES;
    for (const kind of ["events", "impressions"] as const)
      for (const run of batches(this[kind], budget)) {
        const payload = body(kind, run);
        budget -= bytes(payload);
        if (budget < 0) return;
        if (kind === "impressions") this.remove(kind, run);
        void this.post(`/v1/track/${kind}/client`, payload, true).then((answer) => {
          if (kind === "impressions" || !settled(answer)) return;
          this.remove(kind, run);
          this.keepEvents();
        }, this.report.bind(this));
      }
  }

  /** 0.5–1 × min(2^n, cap) × retryMs. */
  private backoff(n: number, cap: number) {
    return Math.min(2 ** n, cap) * this.o.retryMs * (0.5 + Math.random() / 2);
  }

  private dropsDue() {
    return `${this.dropped.impressions}/${this.dropped.events}` !== this.reported;
  }

  private post(path: string, payload: unknown, keepalive = false): Promise<Response> {
    return fetch(`${this.o.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": this.o.clientKey },
      body: JSON.stringify(payload),
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

const sameContext = (a: WebContext, b: WebContext) =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

/** A batch's request body: the items of one context. */
function body(kind: Kind, run: Queued[]) {
  return { context: run[0]?.[0], [kind]: run.map((queued) => queued[1]), sdkContext: SDK };
}

/** Queued items in runs of one context, each run's body under `limit` bytes (unless one item is more). */
function batches(queue: Queued[], limit: number): Queued[][] {
  const out: Queued[][] = [];
  let size = 0;
  for (const queued of queue) {
    const last = out[out.length - 1];
    const itemBytes = bytes(queued[1]) + 1;
    if (last && sameContext((last[0] as Queued)[0], queued[0]) && size + itemBytes < limit) {
      last.push(queued);
      size += itemBytes;
    } else {
      out.push([queued]);
      size = itemBytes + bytes(queued[0]) + 100;
    }
  }
  return out;
}

/** A client; see {@link FlagSyncWebClient}. */
export function createClient(options: WebClientOptions): FlagSyncWebClient {
  return new FlagSyncWebClient(options);
}
