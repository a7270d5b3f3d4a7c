// The analysis thread of a SQLite database: better-sqlite3 runs queries synchronously, so a
// long analysis here keeps the HTTP thread (SDK requests, streams) free. One at a time.
import { parentPort, workerData } from "node:worker_threads";
import { Kysely, SqliteDialect } from "kysely";
import { openSqlite } from "../storage/database.js";
import type { Tables } from "../storage/tables.js";
import { answer, type ToWorker } from "../threads/worker-client.js";
import type { AnalysisInput } from "./analysis-output.js";
import { SqliteAnalysisQuery } from "./analysis-sqlite.js";

const port = parentPort;
if (port) {
  const { path } = workerData as { path: string };
  const sqlite = openSqlite(path);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const query = new SqliteAnalysisQuery(db, sqlite, { path });
  let queue: Promise<unknown> = Promise.resolve();
  port.on("message", (message: ToWorker<AnalysisInput>) => {
    if (message.type === "close") {
      queue = queue.then(async () => {
        await query.close();
        await db.destroy();
        port.close();
      });
      return;
    }
    queue = queue.then(() => answer(port, message.id, query.run(message.body)));
  });
}
