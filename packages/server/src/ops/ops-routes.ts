import type { App } from "../http/route-context.js";
import type { Database } from "../storage/database.js";
import type { DatabaseHealth } from "./database-health.js";
import type { ServerMetrics } from "./metrics.js";

/** Liveness, readiness (database reachable) and Prometheus metrics. */
export function registerOpsRoutes(
  app: App,
  deps: { database: Database; metrics: ServerMetrics; health: DatabaseHealth },
): void {
  const hide = { hide: true };
  app.get("/healthz", { schema: hide }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: hide }, async (_request, reply) => {
    try {
      await deps.database.ping();
    } catch {
      return reply.code(503).send({ status: "database unreachable" });
    }
    const problem = deps.health.problem();
    if (problem) return reply.code(503).send({ status: "database failing writes", problem });
    return { status: "ready" };
  });
  app.get("/metrics", { schema: hide }, async (_request, reply) =>
    reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
}
