// The analysis thread: it keeps the rows of recent analyses (FoldStates) and folds them, which
// for two million events takes a few hundred milliseconds of JavaScript, away from the HTTP
// thread (SDK requests, streams). One analysis at a time.
import { parentPort, workerData } from "node:worker_threads";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { openSqlite } from "../storage/database.js";
import { createPgPool } from "../storage/postgres-pool.js";
import type { Tables } from "../storage/tables.js";
import { answer, type ToWorker } from "../threads/worker-client.js";
import { AnalysisEngine } from "./engine.js";
import { KeptStore } from "./kept-store.js";
import type { AnalysisInput } from "./output.js";
import { PostgresRowSource } from "./sources/postgres.js";
import { SqliteRowSource } from "./sources/sqlite.js";

/** Where the analysis thread reads from. */
export type AnalysisThreadData =
  | { dialect: "sqlite"; path: string; keptBytes: number }
  | { dialect: "postgres"; url: string; keptBytes: number };

/** The engine over the database's rows, and what closes its connections. */
function open(data: AnalysisThreadData): { engine: AnalysisEngine; close(): Promise<void> } {
  if (data.dialect === "sqlite") {
    const sqlite = openSqlite(data.path);
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
    const source = new SqliteRowSource(db, sqlite, { path: data.path });
    const engine = new AnalysisEngine(source, data.keptBytes, new KeptStore(db, source));
    return {
      engine,
      close: async () => {
        await engine.close();
        await db.destroy();
      },
    };
  }
  // One connection waits for writers and reads; another for a read while the first returns.
  const pool = createPgPool(data.url, { max: 2 });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const source = new PostgresRowSource(db, pool);
  const engine = new AnalysisEngine(source, data.keptBytes, new KeptStore(db, source));
  return { engine, close: () => db.destroy() };
}

const port = parentPort;
if (port) {
  const { engine, close } = open(workerData as AnalysisThreadData);
  let queue: Promise<unknown> = Promise.resolve();
  port.on("message", (message: ToWorker<AnalysisInput>) => {
    if (message.type === "close") {
      queue = queue.then(async () => {
        await close();
        port.close();
      });
      return;
    }
    queue = queue.then(() => answer(port, message.id, engine.run(message.body)));
  });
}
