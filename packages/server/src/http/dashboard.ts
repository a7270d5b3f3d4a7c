import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Paths that belong to the APIs: never answered with the dashboard's page. */
export const API_PATHS = /^\/(api|sdk|track|v1|sse|healthz|readyz|metrics)(\/|$|\?)/;

/**
 * Serves the built dashboard (Vite's output) at `/`: its files, and its page for the routes the
 * browser app owns (`/flags/…`), so a reload or a shared link opens the right page. Returns the
 * not-found fallback for those routes, or undefined when the dashboard is not built.
 */
export async function registerDashboard(
  app: FastifyInstance,
  dir: string,
): Promise<((request: FastifyRequest, reply: FastifyReply) => boolean) | undefined> {
  if (!existsSync(join(dir, "index.html"))) {
    app.get("/", { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type("text/plain; charset=utf-8")
        .send(
          "The FlagSync server is running; the dashboard is not built (npm start builds it). Admin API: /api/v1, OpenAPI: /api/openapi.json\n",
        ),
    );
    return undefined;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: "/",
    wildcard: false,
    index: ["index.html"],
    // The build writes .br and .gz next to each file: sent as the client accepts them.
    preCompressed: true,
    // Hashed asset names never change content: cache them for good; the page itself revalidates.
    setHeaders(reply, path) {
      void reply.header(
        "cache-control",
        path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  return (request, reply) => {
    const html = request.headers.accept?.includes("text/html") ?? false;
    if (request.method !== "GET" || !html || API_PATHS.test(request.url)) return false;
    void reply.header("cache-control", "no-cache").sendFile("index.html");
    return true;
  };
}
