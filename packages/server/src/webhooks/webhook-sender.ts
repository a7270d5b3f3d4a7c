import type { Kysely } from "kysely";
import type { Background } from "../ops/background.js";
import { DuePoller } from "../ops/due-poller.js";
import { nowIso } from "../storage/dialects.js";
import type { Tables } from "../storage/tables.js";
import { signature } from "./webhooks.js";

/** How long deliveries are retried, and the longest wait between two attempts. */
const RETRY_FOR_MS = 24 * 3_600_000;
const MAX_WAIT_MS = 3_600_000;

/**
 * Sends queued webhook deliveries: signed, with a timeout, several at once, each claimed by
 * one process; a failed attempt (no answer, or not 2xx) is retried with exponential backoff
 * for a day. Every attempt is kept with its status code and latency. It runs on its own timer,
 * never on a request's path: a slow or dead receiver delays nothing but its own deliveries.
 */
export class WebhookSender {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly poller: DuePoller;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly background: Background,
    private readonly options: {
      retryBaseMs: number;
      timeoutMs: number;
      concurrency: number;
      pollMs: number;
    },
  ) {
    this.poller = new DuePoller(
      "webhooks",
      async () => {
        await this.sendDue();
        return this.nextDue();
      },
      options.pollMs,
      background,
    );
  }

  /** When the next pending delivery is due (epoch ms), if any. */
  private async nextDue(): Promise<number | undefined> {
    const row = await this.db
      .selectFrom("webhook_deliveries")
      .select("next_attempt_at")
      .where("status", "=", "pending")
      .orderBy("next_attempt_at")
      .limit(1)
      .executeTakeFirst();
    return row ? Date.parse(row.next_attempt_at) : undefined;
  }

  start(): void {
    this.poller.start();
  }

  /**
   * A delivery was queued by this process, in a transaction not yet committed: look soon, and
   * again half a second later in case the commit came after the first look.
   */
  wake(): void {
    this.poller.wake(Date.now() + 20);
    setTimeout(() => this.poller.wake(), 500).unref();
  }

  async stop(): Promise<void> {
    await this.poller.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Starts sending the due deliveries this process can take on now. */
  async sendDue(): Promise<void> {
    const room = this.options.concurrency - this.inFlight.size;
    if (room <= 0) return;
    const now = new Date();
    const due = await this.db
      .selectFrom("webhook_deliveries")
      .innerJoin("webhooks", "webhooks.id", "webhook_deliveries.webhook_id")
      .select([
        "webhook_deliveries.id",
        "webhook_deliveries.event",
        "webhook_deliveries.body",
        "webhook_deliveries.attempts",
        "webhook_deliveries.created_at",
        "webhooks.url",
        "webhooks.secret",
      ])
      .where("webhook_deliveries.status", "=", "pending")
      .where("webhook_deliveries.next_attempt_at", "<=", now.toISOString())
      .where((eb) =>
        eb.or([
          eb("webhook_deliveries.claimed_until", "is", null),
          eb("webhook_deliveries.claimed_until", "<", now.toISOString()),
        ]),
      )
      .orderBy("webhook_deliveries.next_attempt_at")
      .limit(room)
      .execute();
    for (const delivery of due) {
      // Claimed for longer than an attempt can take: another process leaves it alone.
      const claimed = await this.db
        .updateTable("webhook_deliveries")
        .set({
          claimed_until: new Date(Date.now() + this.options.timeoutMs + 30_000).toISOString(),
        })
        .where("id", "=", delivery.id)
        .where("status", "=", "pending")
        .where((eb) =>
          eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now.toISOString())]),
        )
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      const sending: Promise<void> = this.attempt(delivery)
        .then((retryAt) => {
          if (retryAt !== undefined) this.poller.wake(retryAt);
        })
        .catch((error: unknown) => this.background.failed("webhooks", error))
        .finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
  }

  private async attempt(delivery: {
    id: number;
    event: string;
    body: string;
    attempts: number;
    created_at: string;
    url: string;
    secret: string;
  }): Promise<number | undefined> {
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          "content-type": "application/json",
          "user-agent": "FlagSync-Webhooks/1",
          "x-flagsync-event": delivery.event,
          "x-flagsync-delivery": String(delivery.id),
          "x-flagsync-signature": `t=${timestamp},v1=${signature(delivery.secret, timestamp, delivery.body)}`,
        },
        body: delivery.body,
      });
      statusCode = response.status;
      await response.body?.cancel().catch(() => {});
    } catch (cause) {
      error =
        cause instanceof Error && cause.name === "TimeoutError"
          ? `no answer within ${this.options.timeoutMs} ms`
          : cause instanceof Error
            ? ((cause.cause as Error | undefined)?.message ?? cause.message)
            : String(cause);
    }
    const latencyMs = Math.round(performance.now() - started);
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const attempts = delivery.attempts + 1;
    const wait = Math.min(this.options.retryBaseMs * 2 ** (attempts - 1), MAX_WAIT_MS);
    const next = Date.now() + wait;
    const givenUp = !ok && next > Date.parse(delivery.created_at) + RETRY_FOR_MS;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("webhook_attempts")
        .values({
          delivery_id: delivery.id,
          at: nowIso(),
          status_code: statusCode,
          latency_ms: latencyMs,
          error: error ?? (ok ? null : `answered ${statusCode}`),
        })
        .execute();
      await trx
        .updateTable("webhook_deliveries")
        .set({
          attempts,
          status: ok ? "delivered" : givenUp ? "failed" : "pending",
          delivered_at: ok ? nowIso() : null,
          next_attempt_at: new Date(next).toISOString(),
          claimed_until: null,
        })
        .where("id", "=", delivery.id)
        .execute();
    });
    return ok || givenUp ? undefined : next;
  }
}
