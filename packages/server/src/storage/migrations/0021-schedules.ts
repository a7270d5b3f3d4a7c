import type { Kysely, Migration } from "kysely";
import { type Dialect, idColumn, idType, jsonType } from "../dialects.js";

/**
 * Scheduled changes: a change to a flag's state (or an approved change request) applied at a
 * time, once, by whichever server process claims it first. `expected` keeps the values of the
 * fields it sets as they should be just before it runs: a schedule whose fields were changed
 * meanwhile fails visibly instead of overwriting that change.
 */
export function schedulesMigration(dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("schedules")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("workspace_id", "integer", (c) => c.notNull())
        .addColumn("environment_id", "integer", (c) => c.notNull())
        .addColumn("flag_key", "text", (c) => c.notNull())
        .addColumn("change", jsonType(dialect), (c) => c.notNull())
        .addColumn("expected", jsonType(dialect), (c) => c.notNull())
        .addColumn("change_request_id", "integer")
        .addColumn("run_at", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("comment", "text", (c) => c.notNull())
        .addColumn("author", "text", (c) => c.notNull())
        .addColumn("author_key", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("claimed_until", "text")
        .addColumn("closed_at", "text")
        .addColumn("closed_by", "text")
        .addColumn("applied_version", "integer")
        .addColumn("failure", "text")
        .execute();
      await db.schema
        .createIndex("schedules_due")
        .on("schedules")
        .columns(["status", "run_at"])
        .execute();
      await db.schema
        .createIndex("schedules_by_workspace")
        .on("schedules")
        .columns(["workspace_id", "id"])
        .execute();
    },
  };
}
