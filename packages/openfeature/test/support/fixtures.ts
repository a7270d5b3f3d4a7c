// What the provider tests share: a real server behind a proxy, the flags the server and web
// providers evaluate, and the events the server stored.
import { expect } from "vitest";
import type { TestDialect } from "../../../server/test/support/databases.js";
import { startTestServer, type TestServer } from "../../../server/test/support/test-server.js";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.js";

export const WS = "/api/v1/workspaces/default";

/**
 * A server on a fresh database, and a proxy in front of it for every client: a test cuts
 * connections there, and closing it ends those that aborted streams leave open on the server,
 * which would hold up its stop.
 */
export async function startProxiedServer(
  dialect: TestDialect,
): Promise<{ server: TestServer; proxy: TcpProxy; stop(): Promise<void> }> {
  const server = await startTestServer(dialect);
  const proxy = await startTcpProxy(server.url);
  return {
    server,
    proxy,
    stop: async () => {
      await proxy.close();
      await server.stop();
    },
  };
}

async function make(
  server: TestServer,
  flag: Record<string, unknown>,
  state: Record<string, unknown>,
): Promise<void> {
  const made = await server.admin("POST", `${WS}/flags`, flag);
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const patched = await server.admin(
    "PATCH",
    `${WS}/flags/${flag.key}/environments/development`,
    state,
  );
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
}

/**
 * The flags of the provider tests, in development: of-boolean (on; off for plan "pro"),
 * of-string (a rollout of 100 % to "beta"), of-number (off: 1.5; on: 10), of-object (grid; list
 * for a signedUp date in 2024) and of-split (a boolean rolled out 50/50 with a fixed seed).
 */
export async function makeProviderFlags(server: TestServer): Promise<void> {
  await make(
    server,
    { key: "of-boolean", type: "boolean" },
    {
      enabled: true,
      rules: [
        {
          name: "pro plan",
          variant: "off",
          clauses: [
            { attribute: "CUSTOM", customAttribute: "plan", operator: "IOO", values: ["pro"] },
          ],
        },
      ],
    },
  );
  await make(
    server,
    {
      key: "of-string",
      type: "string",
      variants: [
        { key: "a", value: "alpha" },
        { key: "b", value: "beta" },
      ],
      onVariant: "a",
      offVariant: "a",
    },
    { enabled: true, rollout: [{ variant: "b", percentage: 100 }] },
  );
  await make(
    server,
    {
      key: "of-number",
      type: "number",
      variants: [
        { key: "small", value: 1.5 },
        { key: "big", value: 10 },
      ],
      onVariant: "big",
      offVariant: "small",
    },
    { enabled: false },
  );
  await make(
    server,
    {
      key: "of-object",
      type: "json",
      variants: [
        { key: "grid", value: { layout: "grid", columns: [1, 2] } },
        { key: "list", value: { layout: "list" } },
      ],
      onVariant: "grid",
      offVariant: "list",
    },
    {
      enabled: true,
      rules: [
        {
          name: "signed up in 2024",
          variant: "list",
          clauses: [
            { attribute: "CUSTOM", customAttribute: "signedUp", operator: "SW", values: ["2024-"] },
          ],
        },
      ],
    },
  );
  await make(
    server,
    { key: "of-split", type: "boolean" },
    {
      enabled: true,
      seed: "of-split-seed",
      rollout: [
        { variant: "on", percentage: 50 },
        { variant: "off", percentage: 50 },
      ],
    },
  );
}

/** The events of a key the server stored, by user key: user, value and properties. */
export async function trackedEvents(
  server: TestServer,
  eventKey: string,
): Promise<{ user_key: string; value: number | null; properties: unknown }[]> {
  const rows = await server.database.db
    .selectFrom("raw_events")
    .select(["user_key", "value", "properties"])
    .where("event_key", "=", eventKey)
    .orderBy("user_key")
    .execute();
  return rows.map((row) => ({
    ...row,
    properties: typeof row.properties === "string" ? JSON.parse(row.properties) : row.properties,
  }));
}
