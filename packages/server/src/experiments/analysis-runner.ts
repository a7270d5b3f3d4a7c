import type { Database } from "../storage/database.js";
import { WorkerClient, workerModule } from "../threads/worker-client.js";
import type { AnalysisInput, AnalysisOutput } from "./analysis-output.js";
import { AnalysisQuery } from "./analysis-query.js";
import { SqliteAnalysisQuery } from "./analysis-sqlite.js";

/** Runs analyses: on a SQLite file in a thread of their own, else on the server's connections. */
export interface AnalysisRunner {
  run(input: AnalysisInput): Promise<AnalysisOutput>;
  /** Starts what runs analyses (threads, connections) ahead of the first one. */
  warm(): void;
  close(): Promise<void>;
}

/** `sessions`: PostgreSQL sessions per analysis (see AnalysisQuery). */
export function analysisRunner(database: Database, sessions = 1): AnalysisRunner {
  if (database.target.dialect === "sqlite" && database.target.path !== ":memory:") {
    const client = new WorkerClient<AnalysisInput, AnalysisOutput>(
      workerModule("experiments/analysis-thread.js"),
      { path: database.target.path },
      "analysis",
    );
    return {
      run: (input) => client.request(input),
      warm: () => client.warm(),
      close: () => client.close(),
    };
  }
  const query = database.sqlite
    ? new SqliteAnalysisQuery(database.db, database.sqlite)
    : new AnalysisQuery(database.db, database.dialect, sessions);
  return {
    run: (input) => query.run(input),
    warm: () => {},
    close: async () => {
      if (query instanceof SqliteAnalysisQuery) await query.close();
    },
  };
}
