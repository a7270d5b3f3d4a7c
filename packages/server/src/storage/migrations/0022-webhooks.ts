import type { Kysely, Migration } from "kysely";
import { type Dialect, idColumn, idType, jsonType } from "../dialects.js";

/**
 * Webhooks: per workspace, a URL, the events it wants, a signing secret and a format (JSON or
 * Slack-compatible text). Each event becomes a delivery (the exact body sent), written in the
 * same transaction as the change it reports; each attempt to send it is kept.
 */
export function webhooksMigration(dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("webhooks")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("workspace_id", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("secret", "text", (c) => c.notNull())
        .addColumn("events", jsonType(dialect), (c) => c.notNull())
        .addColumn("format", "text", (c) => c.notNull())
        .addColumn("active", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("webhooks_by_workspace")
        .on("webhooks")
        .column("workspace_id")
        .execute();
      await db.schema
        .createTable("webhook_deliveries")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("webhook_id", "integer", (c) => c.notNull())
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", "text", (c) => c.notNull())
        .addColumn("claimed_until", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("delivered_at", "text")
        .execute();
      await db.schema
        .createIndex("webhook_deliveries_due")
        .on("webhook_deliveries")
        .columns(["status", "next_attempt_at"])
        .execute();
      await db.schema
        .createIndex("webhook_deliveries_by_webhook")
        .on("webhook_deliveries")
        .columns(["webhook_id", "id"])
        .execute();
      await db.schema
        .createTable("webhook_attempts")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("delivery_id", "integer", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("status_code", "integer")
        .addColumn("latency_ms", "integer", (c) => c.notNull())
        .addColumn("error", "text")
        .execute();
      await db.schema
        .createIndex("webhook_attempts_by_delivery")
        .on("webhook_attempts")
        .column("delivery_id")
        .execute();
    },
  };
}
