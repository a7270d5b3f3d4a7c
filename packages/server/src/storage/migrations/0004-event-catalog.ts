import type { Kysely, Migration } from "kysely";
import { type Dialect, jsonType } from "../dialects.js";

/** The event catalog, kept up to date from each ingested batch, and hourly counts per key. */
export function eventCatalogMigration(dialect: Dialect): Migration {
  const count = dialect === "postgres" ? "bigint" : "integer";
  const real = dialect === "postgres" ? "double precision" : "real";
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("event_catalog")
        .addColumn("environment_id", "integer", (c) => c.notNull())
        .addColumn("event_key", "text", (c) => c.notNull())
        .addColumn("first_seen", "text", (c) => c.notNull())
        .addColumn("last_seen", "text", (c) => c.notNull())
        .addColumn("total", count, (c) => c.notNull())
        .addColumn("value_count", count, (c) => c.notNull())
        .addColumn("value_min", real)
        .addColumn("value_max", real)
        .addColumn("value_sum", real, (c) => c.notNull())
        .addColumn("properties", jsonType(dialect), (c) => c.notNull())
        .addPrimaryKeyConstraint("event_catalog_pk", ["environment_id", "event_key"])
        .execute();
      await db.schema
        .createTable("event_counts")
        .addColumn("environment_id", "integer", (c) => c.notNull())
        .addColumn("event_key", "text", (c) => c.notNull())
        .addColumn("hour", "text", (c) => c.notNull())
        .addColumn("count", count, (c) => c.notNull())
        .addPrimaryKeyConstraint("event_counts_pk", ["environment_id", "event_key", "hour"])
        .execute();
    },
  };
}
