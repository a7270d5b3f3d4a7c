import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LazySchemas } from "../src/http/lazy-schemas.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

describe("route schemas compiled on first use", () => {
  it("validate, coerce and serialize as Fastify's own compilers do", async () => {
    const schemas = new LazySchemas();
    const app = Fastify({ schemaController: schemas.controller });
    app.get(
      "/items",
      {
        schema: {
          querystring: {
            type: "object",
            properties: { limit: { type: "integer", minimum: 1 } },
            required: ["limit"],
          },
          response: {
            200: { type: "object", properties: { limit: { type: "integer" } } },
          },
        },
      },
      async (request) => ({ limit: (request.query as { limit: number }).limit, secret: "x" }),
    );
    const ok = await app.inject({ url: "/items?limit=5" });
    expect(ok.statusCode).toBe(200);
    // Coerced to a number by the validator, and the unknown field dropped by the serializer.
    expect(ok.json()).toEqual({ limit: 5 });
    const bad = await app.inject({ url: "/items?limit=0" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain("limit");
    await app.close();
  });

  it("a schema that does not compile fails compileAll, not the start", async () => {
    const schemas = new LazySchemas();
    const app = Fastify({ schemaController: schemas.controller });
    app.post("/broken", { schema: { body: { type: "no-such-type" } } }, async () => ({}));
    await app.ready();
    await expect(schemas.compileAll()).rejects.toThrow(/no-such-type|type/);
    await app.close();
  });
});

describe("every route schema of the server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("compiles", async () => {
    await expect(server.schemas.compileAll()).resolves.toBeUndefined();
  });
});
