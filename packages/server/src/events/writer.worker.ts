// The ingestion writer thread: its own database connection(s), the parsing and validation of
// event batches, the row inserts or COPY streams and the catalog fold, so writing and committing never take time from the thread serving HTTP.
import { parentPort, workerData } from "node:worker_threads";
import { Kysely, SqliteDialect } from "kysely";
import type { DatabaseTarget } from "../config.js";
import { openSqlite } from "../storage/database.js";
import { createPgPool } from "../storage/postgres-pool.js";
import type { Tables } from "../storage/tables.js";
import { answer, type ToWorker } from "../threads/worker-client.js";
import { PreparingWriter } from "./event-batch.js";
import { EventCatalog } from "./event-catalog.js";
import type { GroupWriter, Work } from "./group-commit.js";
import { PostgresWriter } from "./postgres-writer.js";
import { SqliteWriter } from "./sqlite-writer.js";

type ToWriter = ToWorker<readonly Work[]>;

function open(target: DatabaseTarget): { writer: GroupWriter; close: () => Promise<void> } {
  if (target.dialect === "postgres") {
    const pool = createPgPool(target.url, { max: 4 });
    return { writer: new PostgresWriter(pool), close: () => pool.end() };
  }
  const sqlite = openSqlite(target.path, target.synchronous);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    writer: new SqliteWriter(db, sqlite, new EventCatalog(db, "sqlite")),
    close: () => db.destroy(),
  };
}

const port = parentPort;
if (port) {
  const opened = open((workerData as { target: DatabaseTarget }).target);
  const { close } = opened;
  const writer = new PreparingWriter(opened.writer);
  const queued: { id: number; group: readonly Work[] }[] = [];
  let inFlight = 0;
  let closing = false;
  // Each group is written as it came (GroupCommit formed it, and writes its requests alone
  // when the group fails).
  const writeNext = async (): Promise<void> => {
    const next = queued.shift();
    if (next) await answer(port, next.id, writer.write(next.group));
  };
  const pump = (): void => {
    while (queued.length > 0 && inFlight < writer.pipelineDepth) {
      inFlight++;
      void writeNext().finally(() => {
        inFlight--;
        pump();
      });
    }
    if (closing && inFlight === 0 && queued.length === 0) {
      closing = false;
      void close().finally(() => port.close());
    }
  };
  port.on("message", (message: ToWriter) => {
    if (message.type === "close") closing = true;
    else queued.push({ id: message.id, group: message.body });
    pump();
  });
}
