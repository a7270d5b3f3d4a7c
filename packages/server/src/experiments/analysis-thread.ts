// The analysis thread: it keeps the rows of recent analyses (FoldStates) and folds them, which
// for two million events takes a few hundred milliseconds of JavaScript, away from the HTTP
// thread (SDK requests, streams). One analysis at a time.
import { parentPort, workerData } from "node:worker_threads";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { openSqlite } from "../storage/database.js";
import { createPgPool } from "../storage/postgres-pool.js";
import type { Tables } from "../storage/tables.js";
import { answer, type ToWorker } from "../threads/worker-client.js";
import type { AnalysisInput, AnalysisOutput } from "./analysis-output.js";
import { PostgresAnalysisQuery } from "./analysis-postgres.js";
import { SqliteAnalysisQuery } from "./analysis-sqlite.js";

/** Where the analysis thread reads from. */
export type AnalysisThreadData =
  | { dialect: "sqlite"; path: string; keptBytes: number }
  | { dialect: "postgres"; url: string; sessions: number; keptBytes: number };

interface Query {
  run(input: AnalysisInput): Promise<AnalysisOutput>;
  close(): Promise<void>;
}

function open(data: AnalysisThreadData): Query {
  if (data.dialect === "sqlite") {
    const sqlite = openSqlite(data.path);
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
    const query = new SqliteAnalysisQuery(db, sqlite, {
      path: data.path,
      keptBytes: data.keptBytes,
    });
    return {
      run: (input) => query.run(input),
      close: async () => {
        await query.close();
        await db.destroy();
      },
    };
  }
  // One connection streams the rows; more serve an analysis too large to keep (in SQL).
  const pool = createPgPool(data.url, { max: Math.max(data.sessions, 1) + 1 });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const query = new PostgresAnalysisQuery(db, pool, {
    sessions: data.sessions,
    keptBytes: data.keptBytes,
  });
  return { run: (input) => query.run(input), close: () => db.destroy() };
}

const port = parentPort;
if (port) {
  const query = open(workerData as AnalysisThreadData);
  let queue: Promise<unknown> = Promise.resolve();
  port.on("message", (message: ToWorker<AnalysisInput>) => {
    if (message.type === "close") {
      queue = queue.then(async () => {
        await query.close();
        port.close();
      });
      return;
    }
    queue = queue.then(() => answer(port, message.id, query.run(message.body)));
  });
}
