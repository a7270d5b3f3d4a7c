import type { FastifyBaseLogger } from "fastify";
import type { ServerMetrics } from "./metrics.js";

/**
 * Where work that no request waits for reports: every run of a background job (counted per
 * job and outcome in /metrics, timed, its failure logged with the error), every analysis (how
 * it ran, rows read, time) and every worker thread that ended unasked. Nothing of it fails
 * silently.
 */
export interface Background {
  /** Runs `task` as a run of `job`; its result's `detail` is logged, a failure logged and rethrown. */
  run<T>(job: string, task: () => Promise<T>, detail?: (result: T) => object): Promise<T>;
  /** A failure inside a job that goes on (one experiment of a refresh). */
  failed(job: string, error: unknown, detail?: object): void;
  /** A worker thread exited without being closed. */
  workerExited(worker: string, code: number): void;
}

export function createBackground(log: FastifyBaseLogger, metrics: ServerMetrics): Background {
  return {
    async run(job, task, detail) {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const result = await task();
        metrics.backgroundRuns.inc({ job, outcome: "ok" });
        metrics.backgroundSeconds.observe({ job }, seconds());
        log.info({ job, ms: Math.round(seconds() * 1000), ...detail?.(result) }, `${job} done`);
        return result;
      } catch (error) {
        metrics.backgroundRuns.inc({ job, outcome: "failed" });
        metrics.backgroundSeconds.observe({ job }, seconds());
        log.error({ job, err: error, ms: Math.round(seconds() * 1000) }, `${job} failed`);
        throw error;
      }
    },
    failed(job, error, detail) {
      metrics.backgroundRuns.inc({ job, outcome: "failed" });
      log.error({ job, err: error, ...detail }, `${job} failed`);
    },
    workerExited(worker, code) {
      metrics.workerExits.inc({ worker });
      log.error({ worker, code }, `the ${worker} thread exited`);
    },
  };
}
