import { type Kysely, type Migration, sql } from "kysely";
import type { Dialect } from "../dialects.js";

/**
 * Catalog counters split into slots: concurrent ingestion transactions add to different rows
 * (their own slot), so they never wait on each other's row locks; readers sum the slots.
 * Property profiles stay one row per key in event_catalog.
 */
export function catalogSlotsMigration(dialect: Dialect): Migration {
  const count = dialect === "postgres" ? "bigint" : "integer";
  const real = dialect === "postgres" ? "double precision" : "real";
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("event_catalog_counts")
        .addColumn("environment_id", "integer", (c) => c.notNull())
        .addColumn("event_key", "text", (c) => c.notNull())
        .addColumn("slot", "integer", (c) => c.notNull())
        .addColumn("first_seen", "text", (c) => c.notNull())
        .addColumn("last_seen", "text", (c) => c.notNull())
        .addColumn("total", count, (c) => c.notNull())
        .addColumn("value_count", count, (c) => c.notNull())
        .addColumn("value_min", real)
        .addColumn("value_max", real)
        .addColumn("value_sum", real, (c) => c.notNull())
        .addPrimaryKeyConstraint("event_catalog_counts_pk", ["environment_id", "event_key", "slot"])
        .execute();
      await sql`insert into event_catalog_counts (environment_id, event_key, slot, first_seen, last_seen, total, value_count, value_min, value_max, value_sum)
        select environment_id, event_key, 0, first_seen, last_seen, total, value_count, value_min, value_max, value_sum from event_catalog`.execute(
        db,
      );
      for (const column of [
        "first_seen",
        "last_seen",
        "total",
        "value_count",
        "value_min",
        "value_max",
        "value_sum",
      ]) {
        await db.schema.alterTable("event_catalog").dropColumn(column).execute();
      }
      await db.schema
        .createTable("event_hour_counts")
        .addColumn("environment_id", "integer", (c) => c.notNull())
        .addColumn("event_key", "text", (c) => c.notNull())
        .addColumn("hour", "text", (c) => c.notNull())
        .addColumn("slot", "integer", (c) => c.notNull())
        .addColumn("count", count, (c) => c.notNull())
        .addPrimaryKeyConstraint("event_hour_counts_pk", [
          "environment_id",
          "event_key",
          "hour",
          "slot",
        ])
        .execute();
      await sql`insert into event_hour_counts (environment_id, event_key, hour, slot, count)
        select environment_id, event_key, hour, 0, count from event_counts`.execute(db);
      await db.schema.dropTable("event_counts").execute();
    },
  };
}
