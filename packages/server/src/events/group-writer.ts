import type { Database } from "../storage/database.js";
import { PreparingWriter } from "./event-batch.js";
import type { EventCatalog } from "./event-catalog.js";
import type { GroupWriter } from "./group-commit.js";
import { SqliteWriter } from "./sqlite-writer.js";
import { ThreadWriter } from "./thread-writer.js";

/**
 * The ingestion writer of a database: a writer thread with its own connections (COPY on
 * PostgreSQL, prepared inserts on a SQLite file) that also parses and validates event batches;
 * an in-memory SQLite database, which has one connection, is written in place.
 */
export function groupWriter(
  database: Database,
  catalog: EventCatalog,
  onExit?: (code: number) => void,
): GroupWriter {
  if (database.target.dialect === "sqlite" && database.target.path === ":memory:") {
    if (!database.sqlite) throw new Error("no SQLite handle");
    return new PreparingWriter(new SqliteWriter(database.db, database.sqlite, catalog));
  }
  return new ThreadWriter(database.target, onExit);
}
