import type { Database } from "../storage/database.js";
import type { EventCatalog } from "./event-catalog.js";
import type { GroupWriter } from "./group-commit.js";
import { PostgresWriter } from "./postgres-writer.js";
import { SqliteThreadWriter } from "./sqlite-thread-writer.js";
import { SqliteWriter } from "./sqlite-writer.js";

/**
 * The ingestion writer of a database: COPY on PostgreSQL; on a SQLite file a writer thread with
 * its own connection; an in-memory SQLite database (one connection) is written in place.
 */
export function groupWriter(database: Database, catalog: EventCatalog): GroupWriter {
  if (database.dialect === "postgres" && database.pool) return new PostgresWriter(database.pool);
  if (database.target.dialect === "sqlite" && database.target.path !== ":memory:")
    return new SqliteThreadWriter(database.target.path);
  if (!database.sqlite) throw new Error("no SQLite handle");
  return new SqliteWriter(database.db, database.sqlite, catalog);
}
