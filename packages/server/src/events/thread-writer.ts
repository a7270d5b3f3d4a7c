import type { DatabaseTarget } from "../config.js";
import { WorkerClient, workerModule } from "../threads/worker-client.js";
import type { GroupWriter, Work, WorkResult } from "./group-commit.js";

/**
 * The group writer of a database, run on a writer thread with its own connections. The HTTP
 * thread serves requests (and validates impressions, which need the flags); the writer thread
 * parses and validates event batches, inserts (or streams COPY), folds the catalog and commits,
 * so the two use two cores.
 */
export class ThreadWriter implements GroupWriter {
  /** The thread queues groups and writes them in order; the next ones wait there, not here. */
  readonly pipelineDepth = 4;
  private readonly client: WorkerClient<readonly Work[], WorkResult[]>;

  constructor(target: DatabaseTarget, onExit?: (code: number) => void) {
    this.client = new WorkerClient(
      workerModule("events/writer.worker.js"),
      { target },
      "ingestion writer",
      onExit,
    );
  }

  write(group: readonly Work[]): Promise<WorkResult[]> {
    return this.client.request(group);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
