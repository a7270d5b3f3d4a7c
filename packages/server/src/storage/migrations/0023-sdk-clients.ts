import type { Kysely, Migration } from "kysely";

/**
 * SDK clients that dropped impressions or events (their queues were full): per environment and
 * client, what it reported last (counters since it started), so a team sees data it never got.
 */
export function sdkClientsMigration(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("sdk_clients")
        .addColumn("environment_id", "integer", (c) => c.notNull())
        .addColumn("client_id", "text", (c) => c.notNull())
        .addColumn("sdk_name", "text", (c) => c.notNull())
        .addColumn("sdk_version", "text", (c) => c.notNull())
        .addColumn("dropped_impressions", "bigint", (c) => c.notNull())
        .addColumn("dropped_events", "bigint", (c) => c.notNull())
        .addColumn("first_seen", "text", (c) => c.notNull())
        .addColumn("last_seen", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("sdk_clients_pk", ["environment_id", "client_id"])
        .execute();
      await db.schema
        .createIndex("sdk_clients_last_seen")
        .on("sdk_clients")
        .column("last_seen")
        .execute();
    },
  };
}
