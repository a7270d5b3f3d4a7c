// Our server-side SDK against the real server: the same values as packages/core for every
// generated flag and user, details with variant and reason, a live change, defaults (no throw)
// while the server is unreachable, and events stored once each after flush and close.
import { type EvaluationContext, evaluate, type Flag } from "@flagsync-oss/core";
import { createClient } from "@flagsync-oss/sdk-node";
import { benchmarkFlags, generateUsers } from "@flagsync-oss/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const WS = "/api/v1/workspaces/default";

describe.each(DIALECTS)("sdk-node on %s", (dialect) => {
  let server: TestServer;
  const flags: Flag[] = benchmarkFlags().slice(0, 40);
  const users: EvaluationContext[] = generateUsers(500);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    // The generated flags, made through the admin API with their states in development.
    for (const flag of flags) {
      const made = await server.admin("POST", `${WS}/flags`, {
        key: flag.key,
        type: flag.type,
        variants: flag.variants.map((v) => ({ key: v.key, value: v.value })),
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const keyOf = (id: number) => flag.variants.find((v) => v.id === id)?.key as string;
      const state = await server.admin(
        "PATCH",
        `${WS}/flags/${flag.key}/environments/development`,
        {
          enabled: flag.state.enabled,
          onVariant: keyOf(flag.state.onVariantId),
          offVariant: keyOf(flag.state.offVariantId),
          seed: flag.state.seed,
          rules: flag.state.rules.map((r) => ({
            name: r.name ?? "",
            variant: keyOf(r.variantId),
            clauses: r.clauses,
          })),
          rollout: flag.state.rollout.map((e) => ({
            variant: keyOf(e.variantId),
            percentage: e.percentage,
          })),
        },
      );
      expect(state.status, JSON.stringify(state.body)).toBe(200);
    }
  }, 120_000);
  afterAll(() => server?.stop());

  it("serves what packages/core evaluates, with the variant and the reason", async () => {
    const client = createClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
    });
    expect(await client.ready(5000)).toBe(true);
    let compared = 0;
    for (const flag of flags)
      for (const user of users) {
        const expected = evaluate(flag, user);
        const details = client.flagDetails(user, flag.key, null);
        expect(details.value, `${flag.key} for ${user.key}`).toEqual(expected.value);
        expect(details.variant).toBe(expected.variantKey ?? null);
        expect(details.reason).toBe(expected.reason);
        compared++;
      }
    expect(compared).toBe(flags.length * users.length);
    expect(client.flagDetails(users[0] as EvaluationContext, "no-such-flag", "fallback")).toEqual({
      value: "fallback",
      variant: null,
      variantId: null,
      reason: "ERROR",
      ruleId: null,
      errorCode: "FLAG_NOT_FOUND",
    });
    await client.close();
  }, 60_000);

  it("receives a live change within a second", async () => {
    const client = createClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
    });
    await client.ready(5000);
    await server.admin("POST", `${WS}/flags`, { key: "live-switch", type: "boolean" });
    const user = { key: "u-live" };
    const until = Date.now() + 2000;
    while (client.flag(user, "live-switch", "missing") === "missing" && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.flag(user, "live-switch", true)).toBe(false);
    const started = Date.now();
    await server.admin("PATCH", `${WS}/flags/live-switch/environments/development`, {
      enabled: true,
    });
    while (client.flag(user, "live-switch", false) !== true && Date.now() - started < 2000)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(Date.now() - started).toBeLessThan(1000);
    await client.close();
  });

  it("serves defaults without throwing while the server is unreachable", async () => {
    const errors: Error[] = [];
    const client = createClient({
      sdkKey: "fs_srv_nothing",
      baseUrl: "http://127.0.0.1:9",
      onError: (e) => errors.push(e),
    });
    expect(await client.ready(300)).toBe(false);
    expect(client.flag({ key: "u" }, "anything", "default")).toBe("default");
    client.track({ key: "u" }, "purchase", 1);
    await client.close();
    expect(errors.length).toBeGreaterThan(0);
  });

  it("stores each tracked event once, after a flush and at close", async () => {
    const client = createClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
    });
    await client.ready(5000);
    for (let i = 0; i < 25; i++)
      client.track({ key: `buyer-${i}` }, "sdk-node-purchase", i, { n: i });
    await client.flush();
    for (let i = 25; i < 30; i++) client.track({ key: `buyer-${i}` }, "sdk-node-purchase", i);
    await client.close();
    const stored = await server.database.db
      .selectFrom("raw_events")
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .where("event_key", "=", "sdk-node-purchase")
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(30);
  });
});
