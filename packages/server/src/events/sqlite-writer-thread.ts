// The ingestion writer thread of a SQLite database: its own connection, prepared statements and
// the catalog fold, so inserting and committing never block the thread that serves HTTP.
import { parentPort, workerData } from "node:worker_threads";
import { Kysely, SqliteDialect } from "kysely";
import { openSqlite } from "../storage/database.js";
import type { Tables } from "../storage/tables.js";
import { EventCatalog } from "./event-catalog.js";
import type { Work } from "./group-commit.js";
import { SqliteWriter } from "./sqlite-writer.js";

/** A message from the main thread. */
export type ToWriter = { type: "write"; id: number; group: readonly Work[] } | { type: "close" };

const port = parentPort;
if (port) {
  const sqlite = openSqlite((workerData as { path: string }).path);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const writer = new SqliteWriter(db, sqlite, new EventCatalog(db, "sqlite"));
  const queued: { id: number; group: readonly Work[] }[] = [];
  let closing = false;
  let running = false;
  const answer = (id: number, run: () => Promise<unknown>) =>
    run().then(
      (results) => port.postMessage({ id, results }),
      (error: unknown) =>
        port.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
    );
  // Groups that queued up while a transaction ran are committed together in the next one; if
  // that fails, each group is written alone so one bad group fails only itself.
  const drain = async (): Promise<void> => {
    running = true;
    while (queued.length > 0) {
      const batch = queued.splice(0);
      try {
        const results = await writer.write(batch.flatMap((m) => m.group));
        let offset = 0;
        for (const m of batch) {
          port.postMessage({ id: m.id, results: results.slice(offset, offset + m.group.length) });
          offset += m.group.length;
        }
      } catch {
        for (const m of batch) await answer(m.id, () => writer.write(m.group));
      }
    }
    running = false;
    if (closing) {
      await db.destroy();
      port.close();
    }
  };
  port.on("message", (message: ToWriter) => {
    if (message.type === "close") closing = true;
    else queued.push(message);
    if (!running) void drain();
  });
}
