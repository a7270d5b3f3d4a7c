import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { DatabaseTarget } from "../config.js";
import type { GroupWriter, Work, WorkResult } from "./group-commit.js";
import type { FromWriter, ToWriter } from "./writer-thread.js";

/** The writer thread's module; from TypeScript sources (tests) the compiled one is run. */
function threadModule(): string {
  const here = fileURLToPath(import.meta.url);
  const compiled = here.endsWith(".ts")
    ? here.replace(/([\\/])src([\\/]events[\\/])thread-writer\.ts$/, "$1dist$2writer-thread.js")
    : here.replace(/thread-writer\.js$/, "writer-thread.js");
  if (!existsSync(compiled))
    throw new Error(`the ingestion writer thread is not built (${compiled}): run npm run build`);
  return compiled;
}

/**
 * The group writer of a database, run on a writer thread with its own connections. The HTTP
 * thread parses and validates; the writer thread inserts (or streams COPY), folds the catalog
 * and commits, so the two use two cores. A thread that dies fails the writes in flight, and the
 * next write starts a new one.
 */
export class ThreadWriter implements GroupWriter {
  /** The thread queues groups and writes them in order; the next ones wait there, not here. */
  readonly pipelineDepth = 4;
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (results: WorkResult[]) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly target: DatabaseTarget) {
    this.start();
  }

  private start(): Worker {
    const worker = new Worker(threadModule(), { workerData: { target: this.target } });
    worker.unref();
    worker.on("message", (message: FromWriter) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if ("error" in message) waiter.reject(new Error(message.error));
      else waiter.resolve(message.results);
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the ingestion writer thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  write(group: readonly Work[]): Promise<WorkResult[]> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ type: "write", id, group } satisfies ToWriter);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    // Held open until the thread has committed what it has and closed its connections.
    worker.ref();
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.postMessage({ type: "close" } satisfies ToWriter);
    await exited;
  }
}
