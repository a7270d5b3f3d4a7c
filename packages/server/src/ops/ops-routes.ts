import type { App } from "../http/route-context.js";
import type { Database } from "../storage/database.js";
import type { ServerMetrics } from "./metrics.js";

/** Liveness, readiness (database reachable) and Prometheus metrics. */
export function registerOpsRoutes(
  app: App,
  deps: { database: Database; metrics: ServerMetrics },
): void {
  const hide = { hide: true };
  app.get("/healthz", { schema: hide }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: hide }, async (_request, reply) => {
    try {
      await deps.database.ping();
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "database unreachable" });
    }
  });
  app.get("/metrics", { schema: hide }, async (_request, reply) =>
    reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
}
