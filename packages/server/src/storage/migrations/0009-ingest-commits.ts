import type { Kysely, Migration } from "kysely";

/**
 * One row per ingestion request committed, written in the request's own transaction: a retry
 * after a commit whose outcome was lost (the connection dropped during COMMIT) finds the row
 * and answers with the stored result instead of inserting the request's rows a second time.
 */
export function ingestCommitsMigration(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("ingest_commits")
        .addColumn("token", "text", (c) => c.primaryKey())
        // The request's duplicate event indexes as JSON; null when there were none.
        .addColumn("result", "text")
        .addColumn("committed_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("ingest_commits_committed_at")
        .on("ingest_commits")
        .column("committed_at")
        .execute();
    },
  };
}
