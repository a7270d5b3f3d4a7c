import { createHmac, randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { RecordedEntry } from "../audit/audit-repository.js";
import { fromJson, nowIso, toJson } from "../storage/dialects.js";
import type { Tables, WebhooksTable } from "../storage/tables.js";

/** The events a webhook may ask for. */
export const WEBHOOK_EVENTS = [
  "flag.created",
  "flag.changed",
  "flag.archived",
  "change_request.opened",
  "change_request.approved",
  "change_request.applied",
  "schedule.applied",
  "schedule.failed",
  "experiment.started",
  "experiment.stopped",
  "experiment.srm_detected",
  "metric.verdict_changed",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The audit log's actions that are webhook events. */
const EVENT_OF_ACTION: Record<string, WebhookEvent> = {
  "flag.created": "flag.created",
  "flag.updated": "flag.changed",
  "flag.state.updated": "flag.changed",
  "flag.archived": "flag.archived",
  "change-request.opened": "change_request.opened",
  "change-request.approved": "change_request.approved",
  "change-request.applied": "change_request.applied",
  "schedule.applied": "schedule.applied",
  "schedule.failed": "schedule.failed",
  "experiment.started": "experiment.started",
  "experiment.stopped": "experiment.stopped",
};

export interface Webhook {
  id: number;
  workspaceId: number;
  name: string;
  url: string;
  events: WebhookEvent[];
  format: "json" | "slack";
  active: boolean;
  createdAt: string;
  createdBy: string;
}

export const toWebhook = (row: Selectable<WebhooksTable>): Webhook => ({
  id: row.id,
  workspaceId: row.workspace_id,
  name: row.name,
  url: row.url,
  events: fromJson(row.events),
  format: row.format as Webhook["format"],
  active: row.active === 1,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

/**
 * The signature of a body sent at `timestamp` (Unix seconds): HMAC-SHA256 with the webhook's
 * secret over `<timestamp>.<body>`, hex; sent as `x-flagsync-signature: t=<timestamp>,v1=<hex>`.
 * A receiver recomputes it and refuses timestamps more than 5 minutes old (replays).
 */
export function signature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;

/** What a webhook receives of an event, as JSON or as Slack-compatible text. */
export function bodyOf(
  format: Webhook["format"],
  event: WebhookEvent,
  workspace: string,
  details: {
    id: string;
    at: string;
    actor: string;
    resource: { type: string; key: string };
    flag?: string | null | undefined;
    environment?: string | null | undefined;
    before?: unknown;
    after?: unknown;
    comment?: string | null | undefined;
  },
): string {
  if (format === "slack") {
    const where = [details.flag, details.environment && `in ${details.environment}`]
      .filter(Boolean)
      .join(" ");
    return JSON.stringify({
      text: `[${workspace}] ${event.replace(/[._]/g, " ")}: ${where || `${details.resource.type} ${details.resource.key}`} by ${details.actor}${details.comment ? ` (${details.comment})` : ""}`,
    });
  }
  return JSON.stringify({
    event,
    id: details.id,
    at: details.at,
    workspace,
    actor: details.actor,
    resource: details.resource,
    flag: details.flag ?? null,
    environment: details.environment ?? null,
    before: details.before ?? null,
    after: details.after ?? null,
    comment: details.comment ?? null,
  });
}

/**
 * Webhooks and their deliveries: an event becomes one delivery per webhook that wants it,
 * written in the transaction of the change it reports (so a change that rolls back sends
 * nothing, and a committed one is never lost); a sender sends them later, off every request.
 */
export class Webhooks {
  constructor(
    private readonly db: Kysely<Tables>,
    /** A workspace's key, read with `db` (inside the change's transaction). */
    private readonly workspaceKey: (id: number, db: Kysely<Tables>) => Promise<string>,
    /** Told when deliveries were queued (the sender then sends them at once). */
    private readonly queued: () => void = () => {},
  ) {}

  /** The audit listener: queues the deliveries an entry's event calls for. */
  async fromAudit(entry: RecordedEntry, db: Kysely<Tables>): Promise<void> {
    const event = EVENT_OF_ACTION[entry.action];
    if (!event) return;
    await this.enqueue(
      entry.workspaceId,
      event,
      {
        id: `audit-${entry.id}`,
        at: entry.createdAt,
        actor: entry.actor,
        resource: { type: entry.resourceType, key: entry.resourceKey },
        flag: entry.flagKey,
        environment: entry.environmentKey,
        before: entry.before,
        after: entry.after,
        comment: entry.comment,
      },
      db,
    );
  }

  /** Queues an event for every active webhook of the workspace that wants it. */
  async enqueue(
    workspaceId: number,
    event: WebhookEvent,
    details: Parameters<typeof bodyOf>[3],
    db: Kysely<Tables> = this.db,
  ): Promise<void> {
    const hooks = (
      await db
        .selectFrom("webhooks")
        .selectAll()
        .where("workspace_id", "=", workspaceId)
        .where("active", "=", 1)
        .execute()
    )
      .map(toWebhook)
      .filter((hook) => hook.events.includes(event));
    if (hooks.length === 0) return;
    const workspace = await this.workspaceKey(workspaceId, db);
    const at = nowIso();
    await db
      .insertInto("webhook_deliveries")
      .values(
        hooks.map((hook) => ({
          webhook_id: hook.id,
          event,
          body: bodyOf(hook.format, event, workspace, details),
          status: "pending",
          attempts: 0,
          next_attempt_at: at,
          created_at: at,
        })),
      )
      .execute();
    this.queued();
  }

  async list(workspaceId: number): Promise<Webhook[]> {
    const rows = await this.db
      .selectFrom("webhooks")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .orderBy("id")
      .execute();
    return rows.map(toWebhook);
  }

  async get(workspaceId: number, id: number): Promise<Webhook | undefined> {
    const row = await this.db
      .selectFrom("webhooks")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row && toWebhook(row);
  }

  async create(
    fields: Omit<Webhook, "id" | "createdAt" | "active"> & { secret: string },
    db: Kysely<Tables> = this.db,
  ): Promise<Webhook> {
    const row = await db
      .insertInto("webhooks")
      .values({
        workspace_id: fields.workspaceId,
        name: fields.name,
        url: fields.url,
        secret: fields.secret,
        events: toJson(fields.events),
        format: fields.format,
        active: 1,
        created_at: nowIso(),
        created_by: fields.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toWebhook(row);
  }

  async update(
    id: number,
    change: Partial<Pick<Webhook, "name" | "url" | "events" | "format" | "active">>,
    db: Kysely<Tables> = this.db,
  ): Promise<void> {
    await db
      .updateTable("webhooks")
      .set({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.url !== undefined ? { url: change.url } : {}),
        ...(change.events !== undefined ? { events: toJson(change.events) } : {}),
        ...(change.format !== undefined ? { format: change.format } : {}),
        ...(change.active !== undefined ? { active: change.active ? 1 : 0 } : {}),
      })
      .where("id", "=", id)
      .execute();
  }

  async remove(id: number, db: Kysely<Tables> = this.db): Promise<void> {
    await db.deleteFrom("webhooks").where("id", "=", id).execute();
    await db
      .deleteFrom("webhook_attempts")
      .where("delivery_id", "in", (eb) =>
        eb.selectFrom("webhook_deliveries").select("id").where("webhook_id", "=", id),
      )
      .execute();
    await db.deleteFrom("webhook_deliveries").where("webhook_id", "=", id).execute();
  }

  /** The latest deliveries of a webhook (at most 100), each with its attempts. */
  async deliveries(webhookId: number) {
    const rows = await this.db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("webhook_id", "=", webhookId)
      .orderBy("id", "desc")
      .limit(100)
      .execute();
    const attempts =
      rows.length === 0
        ? []
        : await this.db
            .selectFrom("webhook_attempts")
            .selectAll()
            .where(
              "delivery_id",
              "in",
              rows.map((r) => r.id),
            )
            .orderBy("id")
            .execute();
    return rows.map((row) => ({
      id: row.id,
      event: row.event,
      status: row.status as "pending" | "delivered" | "failed",
      createdAt: row.created_at,
      deliveredAt: row.delivered_at,
      nextAttemptAt: row.status === "pending" ? row.next_attempt_at : null,
      body: row.body,
      attempts: attempts
        .filter((a) => a.delivery_id === row.id)
        .map((a) => ({
          at: a.at,
          statusCode: a.status_code,
          latencyMs: a.latency_ms,
          error: a.error,
        })),
    }));
  }

  /** Sends a delivery's body again, as a new delivery. */
  async resend(webhookId: number, deliveryId: number): Promise<number | undefined> {
    const row = await this.db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("webhook_id", "=", webhookId)
      .where("id", "=", deliveryId)
      .executeTakeFirst();
    if (!row) return undefined;
    const at = nowIso();
    const made = await this.db
      .insertInto("webhook_deliveries")
      .values({
        webhook_id: webhookId,
        event: row.event,
        body: row.body,
        status: "pending",
        attempts: 0,
        next_attempt_at: at,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    this.queued();
    return made.id;
  }
}
