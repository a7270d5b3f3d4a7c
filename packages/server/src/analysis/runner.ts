import type { Database } from "../storage/database.js";
import { WorkerClient, workerModule } from "../threads/worker-client.js";
import type { AnalysisThreadData } from "./analysis.worker.js";
import { AnalysisEngine } from "./engine.js";
import { KEPT_BYTES } from "./kept-state.js";
import { KeptStore } from "./kept-store.js";
import type { AnalysisInput, AnalysisOutput } from "./output.js";
import { SqliteRowSource } from "./sources/sqlite.js";

/** Runs analyses: in a thread of their own, except on an in-memory SQLite database. */
export interface AnalysisRunner {
  run(input: AnalysisInput): Promise<AnalysisOutput>;
  /** Starts what runs analyses (threads, connections) ahead of the first one. */
  warm(): void;
  close(): Promise<void>;
}

/**
 * `keptBytes`: memory for the rows analyses keep (see FoldStates); `onExit`: told when the
 * analysis thread exits unasked.
 */
export function analysisRunner(
  database: Database,
  { keptBytes = KEPT_BYTES, onExit }: { keptBytes?: number; onExit?: (code: number) => void } = {},
): AnalysisRunner {
  const { target } = database;
  let data: AnalysisThreadData | undefined;
  if (target.dialect === "postgres") data = { dialect: "postgres", url: target.url, keptBytes };
  else if (target.path !== ":memory:") data = { dialect: "sqlite", path: target.path, keptBytes };
  if (data) {
    const client = new WorkerClient<AnalysisInput, AnalysisOutput>(
      workerModule("analysis/analysis.worker.js"),
      data,
      "analysis",
      onExit,
    );
    return {
      run: (input) => client.request(input),
      warm: () => client.warm(),
      close: () => client.close(),
    };
  }
  // An in-memory database is this connection's alone.
  if (!database.sqlite) throw new Error("an in-memory database without its SQLite connection");
  const source = new SqliteRowSource(database.db, database.sqlite);
  const engine = new AnalysisEngine(source, keptBytes, new KeptStore(database.db, source));
  return { run: (input) => engine.run(input), warm: () => {}, close: () => engine.close() };
}
