// Our browser SDK in Node 20 (no WebSocket, no localStorage), against the real server: values
// without live updates, events stored as they were when tracked, and nothing thrown or rejected
// whatever the caller passes or the network does.

import { createClient } from "@flagsync-oss/sdk-web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedEvents } from "../../server/test/support/admin-flags.js";
import { DIALECTS } from "../../server/test/support/databases.js";
import { startTestServer, type TestServer } from "../../server/test/support/test-server.js";

describe.each(DIALECTS)("sdk-web in Node on %s", (dialect) => {
  let server: TestServer;
  let clientKey = "";

  beforeAll(async () => {
    server = await startTestServer(dialect);
    clientKey = server.keys.development?.client as string;
    await server.admin("POST", "/api/v1/workspaces/default/flags", {
      key: "node-flag",
      type: "boolean",
    });
    await server.admin(
      "PATCH",
      "/api/v1/workspaces/default/flags/node-flag/environments/development",
      { enabled: true },
    );
  });
  afterAll(() => server?.stop());

  it("serves the server's values without a live stream, and sends events as they were tracked", async () => {
    expect(typeof (globalThis as { WebSocket?: unknown }).WebSocket).toBe("undefined");
    const attributes = { plan: "pro" };
    const client = createClient({
      clientKey,
      baseUrl: `${server.url}/`,
      context: { key: "n-1", attributes },
    });
    // The caller's objects are theirs to change afterwards.
    attributes.plan = "free";
    expect(await client.ready(5000)).toBe(true);
    expect(client.flagDetails("node-flag", false)).toMatchObject({
      value: true,
      reason: "DEFAULT",
    });
    expect(client.context).toEqual({ key: "n-1", attributes: { plan: "pro" } });
    const properties = { step: 1 };
    client.track("node-event", 2, properties);
    properties.step = 2;
    await client.close();
    expect(await storedEvents(server, "node-event")).toBe(1);
    const row = await server.database.db
      .selectFrom("raw_events")
      .select(["properties", "value", "user_key"])
      .where("event_key", "=", "node-event")
      .executeTakeFirstOrThrow();
    // SQLite keeps JSON as text, PostgreSQL as jsonb.
    const stored = typeof row.properties === "string" ? JSON.parse(row.properties) : row.properties;
    expect([stored, Number(row.value), row.user_key]).toEqual([{ step: 1 }, 2, "n-1"]);
  });

  it("never throws nor rejects: what JSON cannot hold, a server that is away, a closed client", async () => {
    const errors: string[] = [];
    const circular: Record<string, unknown> = { key: "n-2" };
    circular.self = circular;
    const client = createClient({
      clientKey,
      baseUrl: "http://127.0.0.1:9",
      context: circular as { key: string },
      retryMs: 10,
      onError: (error) => errors.push(error.message),
    });
    expect(client.flag("node-flag", "fallback")).toBe("fallback");
    expect(await client.ready(200)).toBe(false);
    client.track("node-bad", 1, { big: 10n } as unknown as Record<string, unknown>);
    expect(await client.identify(circular as { key: string })).toBe(false);
    expect(await client.identify({ key: "n-3" })).toBe(false);
    await client.flush();
    await client.close();
    await client.close();
    expect(client.flag("node-flag", 7)).toBe(7);
    expect(errors.some((message) => /BigInt/i.test(message))).toBe(true);
    expect(errors.some((message) => /circular/i.test(message))).toBe(true);
    expect(await storedEvents(server, "node-bad")).toBe(0);
  });
});
