import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** The server's Prometheus metrics, one registry per app so tests can run several apps. */
export interface ServerMetrics {
  registry: Registry;
  requests: Counter<"method" | "route" | "status">;
  latency: Histogram<"method" | "route">;
  streams: Gauge<"transport" | "kind">;
  evaluations: Counter;
  countEvaluations: (n: number) => void;
  backgroundRuns: Counter<"job" | "outcome">;
  backgroundSeconds: Histogram<"job">;
  workerExits: Counter<"worker">;
  analyses: Counter<"way">;
  analysisRows: Counter;
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const evaluations = new Counter({
    name: "flagsync_evaluations_total",
    help: "Flag evaluations done by the server for client SDKs",
    registers: [registry],
  });
  return {
    registry,
    requests: new Counter({
      name: "flagsync_http_requests_total",
      help: "HTTP requests by route and status",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    latency: new Histogram({
      name: "flagsync_http_request_duration_seconds",
      help: "HTTP request latency",
      labelNames: ["method", "route"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    streams: new Gauge({
      name: "flagsync_connected_streams",
      help: "Connected SDK streams",
      labelNames: ["transport", "kind"],
      registers: [registry],
    }),
    evaluations,
    countEvaluations: (n) => evaluations.inc(n),
    backgroundRuns: new Counter({
      name: "flagsync_background_runs_total",
      help: "Runs of background jobs (retention, results-refresh, analysis) by outcome",
      labelNames: ["job", "outcome"],
      registers: [registry],
    }),
    backgroundSeconds: new Histogram({
      name: "flagsync_background_duration_seconds",
      help: "Duration of background job runs",
      labelNames: ["job"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    workerExits: new Counter({
      name: "flagsync_worker_exits_total",
      help: "Worker threads (writer, analysis, raw data) that exited without being closed",
      labelNames: ["worker"],
      registers: [registry],
    }),
    analyses: new Counter({
      name: "flagsync_analyses_total",
      help: "Analyses by how they ran: kept (only new rows read), full (every row read and kept), unkept (PostgreSQL writers still open), passes (over the memory budget)",
      labelNames: ["way"],
      registers: [registry],
    }),
    analysisRows: new Counter({
      name: "flagsync_analysis_rows_read_total",
      help: "Metric event rows analyses read",
      registers: [registry],
    }),
  };
}
