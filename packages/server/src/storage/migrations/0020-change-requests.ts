import type { Kysely, Migration } from "kysely";
import { type Dialect, idColumn, idType, jsonType } from "../dialects.js";

/**
 * Approvals: an environment may require some approvals (by members of at least a role) before
 * a change to a flag's state there is applied. A change request keeps the proposal (the same
 * body as a direct change), the version it was made against and a hash of the proposal; each
 * review keeps the hash and version it was given for, so an edit or a change of the flag since
 * voids it.
 */
export function changeRequestsMigration(dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable("environments")
        .addColumn("approvals_required", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable("environments")
        .addColumn("approver_role", "text", (c) => c.notNull().defaultTo("editor"))
        .execute();
      await db.schema
        .createTable("change_requests")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("workspace_id", "integer", (c) => c.notNull())
        .addColumn("environment_id", "integer", (c) => c.notNull())
        .addColumn("flag_key", "text", (c) => c.notNull())
        .addColumn("base_version", "integer", (c) => c.notNull())
        .addColumn("proposal", jsonType(dialect), (c) => c.notNull())
        .addColumn("proposal_hash", "text", (c) => c.notNull())
        .addColumn("before", jsonType(dialect), (c) => c.notNull())
        .addColumn("after", jsonType(dialect), (c) => c.notNull())
        .addColumn("comment", "text", (c) => c.notNull())
        .addColumn("author", "text", (c) => c.notNull())
        .addColumn("author_key", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("closed_by", "text")
        .addColumn("closed_at", "text")
        .addColumn("applied_version", "integer")
        .execute();
      await db.schema
        .createIndex("change_requests_by_status")
        .on("change_requests")
        .columns(["workspace_id", "status", "id"])
        .execute();
      await db.schema
        .createTable("change_request_reviews")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("request_id", "integer", (c) => c.notNull())
        .addColumn("reviewer", "text", (c) => c.notNull())
        .addColumn("reviewer_key", "text", (c) => c.notNull())
        .addColumn("decision", "text", (c) => c.notNull())
        .addColumn("proposal_hash", "text", (c) => c.notNull())
        .addColumn("base_version", "integer", (c) => c.notNull())
        .addColumn("comment", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("change_request_reviews_by_request")
        .on("change_request_reviews")
        .column("request_id")
        .execute();
    },
  };
}
