import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type MessagePort, type Transferable, Worker } from "node:worker_threads";

/** A request to a worker, answered by id. */
export type ToWorker<Body> = { type: "request"; id: number; body: Body } | { type: "close" };
/** A worker's answer. */
export type FromWorker<Result> =
  | { id: number; result: Result }
  | { id: number; error: string; code?: string };

/** An error from a worker: its message and, where it had one, its code (SQLSTATE, SQLITE_…). */
export class WorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Answers request `id` from inside a worker with what `work` gives, or with its error's
 * message; `moved` names buffers of the result to hand over instead of copying.
 */
export function answer<Result>(
  port: MessagePort,
  id: number,
  work: Promise<Result>,
  moved: (result: Result) => Transferable[] = () => [],
): Promise<void> {
  return work.then(
    (result) => port.postMessage({ id, result } satisfies FromWorker<Result>, moved(result)),
    (error: unknown) => {
      const code = (error as { code?: unknown } | undefined)?.code;
      port.postMessage({
        id,
        error: error instanceof Error ? error.message : String(error),
        ...(typeof code === "string" ? { code } : {}),
      } satisfies FromWorker<Result>);
    },
  );
}

/**
 * The compiled module of a worker, next to this package's dist folder. Run from TypeScript
 * sources (tests), the compiled one is used, since workers run plain JavaScript; the test
 * runner builds the packages before any test (scripts/vitest-build.ts), so it is current.
 */
export function workerModule(relative: string): string {
  const here = fileURLToPath(import.meta.url);
  const root = here.replace(/([\\/])(src|dist)[\\/]threads[\\/]worker-client\.[jt]s$/, "$1dist");
  const module = `${root}/${relative}`;
  if (!existsSync(module))
    throw new Error(`the worker module ${module} is not built: run npm run build`);
  return module;
}

/**
 * Requests to a worker thread, each answered by id. The thread starts with the first request;
 * one that dies fails the requests in flight, and the next request starts a new one. The worker never keeps the process alive,
 * except while closing.
 */
export class WorkerClient<Body, Result> {
  private worker: Worker | undefined;
  private nextId = 1;
  /** Workers asked to close: their exit is expected. */
  private readonly closing = new WeakSet<Worker>();
  private readonly waiting = new Map<
    number,
    { resolve: (result: Result) => void; reject: (error: Error) => void }
  >();

  constructor(
    private readonly module: string,
    private readonly data: unknown,
    private readonly name: string,
    /** Told when the thread exits without being closed (the next request starts another). */
    private readonly onExit: (code: number) => void = () => {},
  ) {}

  private start(): Worker {
    const worker = new Worker(this.module, { workerData: this.data });
    worker.unref();
    worker.on("message", (message: FromWorker<Result>) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if ("error" in message) waiter.reject(new WorkerError(message.error, message.code));
      else waiter.resolve(message.result);
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (!this.closing.has(worker)) this.onExit(code);
      fail(new Error(`the ${this.name} thread exited (${code})`));
    });
    this.worker = worker;
    return worker;
  }

  /** Starts the thread ahead of its first request (its start-up is then off that request's path). */
  warm(): void {
    if (!this.worker) this.start();
  }

  request(body: Body): Promise<Result> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ type: "request", id, body } satisfies ToWorker<Body>);
    });
  }

  /** Lets the worker finish what it has and close its connections, then waits for its exit. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    this.closing.add(worker);
    worker.ref();
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.postMessage({ type: "close" } satisfies ToWorker<Body>);
    await exited;
  }
}
