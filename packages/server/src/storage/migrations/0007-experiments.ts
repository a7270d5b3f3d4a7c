import type { Kysely, Migration } from "kysely";
import { type Dialect, idColumn, idType, jsonType } from "../dialects.js";

/**
 * Metrics, experiments and their result snapshots; and an index that finds a user's first
 * impression of a flag inside an analysis window when the user was exposed before it began.
 */
export function experimentsMigration(dialect: Dialect): Migration {
  const json = jsonType(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("metrics")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("workspace_id", "integer", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("event_key", "text", (c) => c.notNull())
        .addColumn("value_path", "text")
        .addColumn("filters", json, (c) => c.notNull())
        .addColumn("direction", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("metrics_workspace_key", ["workspace_id", "key"])
        .execute();
      await db.schema
        .createTable("experiments")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("workspace_id", "integer", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("hypothesis", "text", (c) => c.notNull())
        .addColumn("flag_key", "text", (c) => c.notNull())
        .addColumn("environment_id", "integer", (c) => c.notNull())
        .addColumn("baseline_variant_id", "integer", (c) => c.notNull())
        .addColumn("variant_ids", json, (c) => c.notNull())
        .addColumn("traffic", json, (c) => c.notNull())
        .addColumn("primary_metric_id", "integer", (c) => c.notNull())
        .addColumn("secondary_metric_ids", json, (c) => c.notNull())
        .addColumn("settings", json, (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("started_at", "text")
        .addColumn("stopped_at", "text")
        .addColumn("decision", json)
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("experiments_workspace_key", ["workspace_id", "key"])
        .execute();
      await db.schema
        .createTable("experiment_snapshots")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("experiment_id", "integer", (c) => c.notNull())
        .addColumn("computed_at", "text", (c) => c.notNull())
        .addColumn("window_start", "text", (c) => c.notNull())
        .addColumn("window_end", "text", (c) => c.notNull())
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("result", json, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("experiment_snapshots_experiment")
        .on("experiment_snapshots")
        .columns(["experiment_id", "id"])
        .execute();
      await db.schema
        .createIndex("raw_impressions_user_flag")
        .on("raw_impressions")
        .columns(["environment_id", "flag_key", "user_key", "timestamp"])
        .execute();
    },
  };
}
