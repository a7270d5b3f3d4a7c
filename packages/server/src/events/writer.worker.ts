// The ingestion writer thread: its own database connection(s), the parsing and validation of
// event batches, the row inserts or COPY streams and the catalog fold, so writing and committing never take time from the thread serving HTTP.
import { parentPort, workerData } from "node:worker_threads";
import { Kysely, SqliteDialect } from "kysely";
import type { DatabaseTarget } from "../config.js";
import { openSqlite } from "../storage/database.js";
import { createPgPool } from "../storage/postgres-pool.js";
import type { Tables } from "../storage/tables.js";
import { answer, type FromWorker, type ToWorker } from "../threads/worker-client.js";
import { PreparingWriter } from "./event-batch.js";
import { EventCatalog } from "./event-catalog.js";
import type { GroupWriter, Work, WorkResult } from "./group-commit.js";
import { PostgresWriter } from "./postgres-writer.js";
import { SqliteWriter } from "./sqlite-writer.js";

type ToWriter = ToWorker<readonly Work[]>;
type FromWriter = FromWorker<WorkResult[]>;

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
  // Requests that queued up while the writer was busy are written together as one group; if
  // that fails, each is written alone so one bad request fails only itself.
  const writeQueued = async (): Promise<void> => {
    const batch = queued.splice(0);
    try {
      const results = await writer.write(batch.flatMap((m) => m.group));
      let offset = 0;
      for (const m of batch) {
        port.postMessage({
          id: m.id,
          result: results.slice(offset, offset + m.group.length),
        } satisfies FromWriter);
        offset += m.group.length;
      }
    } catch {
      for (const m of batch) await answer(port, m.id, writer.write(m.group));
    }
  };
  const pump = (): void => {
    while (queued.length > 0 && inFlight < writer.pipelineDepth) {
      inFlight++;
      void writeQueued().finally(() => {
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
