import type { EvaluationContext, EvaluationReason } from "@flagsync-oss/core";

export interface OutboxOptions {
  baseUrl: string;
  sdkKey: string;
  requestTimeoutMs: number;
  /** The most items each queue (impressions, events) holds; more are dropped and counted. */
  maxQueue: number;
  /** Queued items that trigger a send before the next flush. */
  batchSize: number;
  /** What the SDK says of itself in each batch and report. */
  sdkContext: { sdkName: string; sdkVersion: string; clientId: string };
  report(error: unknown): void;
}

type Item = Record<string, unknown>;

const IMPRESSIONS_PATH = "/v1/track/impressions/server";
const EVENTS_PATH = "/v1/track/events/server";
const DIAGNOSTICS_PATH = "/v1/sdk/diagnostics/server";
/** Items per request. */
const BATCH = 1000;

/**
 * What a client sends: impressions and events, queued, sent in batches, kept and retried with
 * backoff when the server fails (a 429 or 5xx, a timeout, no connection). Impressions are
 * recorded column by column, so `flag()` costs a few array writes and no object; they become
 * objects only when sent. Each queue is bounded: what does not fit is dropped and counted.
 */
export class Outbox {
  /** Items dropped because their queue was full, by kind. */
  readonly dropped = { impressions: 0, events: 0 };
  private contexts: EvaluationContext[] = [];
  private flagKeys: string[] = [];
  private variantIds: number[] = [];
  private reasons: EvaluationReason[] = [];
  private times: number[] = [];
  /** Impressions made into objects for sending, kept until the server took them. */
  private impressions: Item[] = [];
  private events: Item[] = [];
  private sending: Promise<void> | undefined;
  private failures = 0;
  private nextSendAt = 0;
  /** The drop counters the server has, as a string ("impressions/events"). */
  private reported = "0/0";

  constructor(private readonly options: OutboxOptions) {}

  impression(
    context: EvaluationContext,
    flagKey: string,
    variantId: number,
    reason: EvaluationReason,
    at: number,
  ): void {
    if (this.flagKeys.length + this.impressions.length >= this.options.maxQueue) {
      this.dropped.impressions++;
      return;
    }
    this.contexts.push(context);
    this.flagKeys.push(flagKey);
    this.variantIds.push(variantId);
    this.reasons.push(reason);
    this.times.push(at);
    if (this.flagKeys.length >= this.options.batchSize) void this.flush();
  }

  event(item: Item): void {
    if (this.events.length >= this.options.maxQueue) {
      this.dropped.events++;
      return;
    }
    this.events.push(item);
    if (this.events.length >= this.options.batchSize) void this.flush();
  }

  /** Sends what is queued (waits for it) unless a retry is not due yet; failures stay queued. */
  flush(): Promise<void> {
    if (this.sending) return this.sending;
    const queued = this.flagKeys.length + this.impressions.length + this.events.length;
    if ((queued === 0 && !this.reportDue()) || Date.now() < this.nextSendAt)
      return Promise.resolve();
    this.sending = this.send().finally(() => (this.sending = undefined));
    return this.sending;
  }

  /** Sends what is queued now, whatever the backoff. */
  flushNow(): Promise<void> {
    this.nextSendAt = 0;
    return this.flush();
  }

  private async send(): Promise<void> {
    this.takeImpressions();
    const impressions = this.impressions.splice(0, BATCH);
    const events = this.events.splice(0, BATCH);
    let failed = false;
    if (impressions.length > 0 && (await this.post(IMPRESSIONS_PATH, "impressions", impressions))) {
      this.impressions.unshift(...impressions);
      failed = true;
    }
    if (events.length > 0 && (await this.post(EVENTS_PATH, "events", events))) {
      this.events.unshift(...events);
      failed = true;
    }
    if (!failed && this.reportDue()) failed = !(await this.reportDrops());
    if (failed) {
      this.failures++;
      const wait = Math.min(1000 * 2 ** (this.failures - 1), 60_000);
      this.nextSendAt = Date.now() + wait * (0.5 + Math.random() / 2);
    } else {
      this.failures = 0;
      this.nextSendAt = 0;
    }
  }

  /** The recorded impressions as the objects the server takes. */
  private takeImpressions() {
    for (let i = 0; i < this.flagKeys.length; i++)
      this.impressions.push({
        flagKey: this.flagKeys[i],
        variantId: this.variantIds[i],
        reason: this.reasons[i],
        context: this.contexts[i],
        timestamp: new Date(this.times[i] as number).toISOString(),
      });
    this.contexts = [];
    this.flagKeys = [];
    this.variantIds = [];
    this.reasons = [];
    this.times = [];
  }

  private reportDue(): boolean {
    return `${this.dropped.impressions}/${this.dropped.events}` !== this.reported;
  }

  /** Tells the server what was dropped so far (shown with the environment); true once it knows. */
  private async reportDrops(): Promise<boolean> {
    const counts = `${this.dropped.impressions}/${this.dropped.events}`;
    try {
      const response = await fetch(`${this.options.baseUrl}${DIAGNOSTICS_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-ridgeline-key": this.options.sdkKey },
        body: JSON.stringify({ ...this.options.sdkContext, dropped: this.dropped }),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
      await response.body?.cancel().catch(() => {});
      const retry = response.status === 429 || response.status >= 500;
      if (!response.ok)
        this.options.report(new Error(`${DIAGNOSTICS_PATH} answered ${response.status}`));
      // Refused for good (a server without the route): not worth holding the queues back for.
      if (!retry) this.reported = counts;
      return !retry;
    } catch (error) {
      this.options.report(error);
      return false;
    }
  }

  /** Posts one batch; answers true when it should be sent again later. */
  private async post(path: string, field: string, items: Item[]): Promise<boolean> {
    try {
      const response = await fetch(`${this.options.baseUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-ridgeline-key": this.options.sdkKey },
        body: JSON.stringify({
          [field]: items,
          sdkContext: this.options.sdkContext,
        }),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
      await response.body?.cancel().catch(() => {});
      if (response.ok) return false;
      this.options.report(new Error(`${path} answered ${response.status}`));
      // Refused as a whole (a 4xx other than 429): sending it again cannot help.
      return response.status === 429 || response.status >= 500;
    } catch (error) {
      this.options.report(error);
      return true;
    }
  }
}
