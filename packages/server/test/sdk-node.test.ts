// Our server-side SDK against the real server: the same values as packages/core for every
// generated flag and user, details with variant and reason, a live change, defaults (no throw)
// while the server is unreachable, and events stored once each after flush and close.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  const storedEvents = async (eventKey: string) =>
    Number(
      (
        await server.database.db
          .selectFrom("raw_events")
          .select(({ fn }) => fn.countAll<number>().as("n"))
          .where("event_key", "=", eventKey)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("starts from its bootstrap file while the server is down", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sdk-node-")), "rules.json");
    const online = createClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
      bootstrapFile: file,
    });
    await online.ready(5000);
    const user = users[3] as EvaluationContext;
    const served = flags.map((f) => online.flag(user, f.key, null));
    await online.close();
    expect(existsSync(file)).toBe(true);
    const offline = createClient({
      sdkKey: "fs_srv_x",
      baseUrl: "http://127.0.0.1:9",
      bootstrapFile: file,
    });
    expect(await offline.ready(200)).toBe(false);
    expect(flags.map((f) => offline.flag(user, f.key, null))).toEqual(served);
    await offline.close();
  });

  it("keeps events through failing and hanging requests and a dropped stream: each stored once", async () => {
    // A proxy in front of the real server: the first tracking request fails with 500, the
    // second hangs, the rest pass; the first stream is cut after its first message.
    let tracks = 0;
    let streams = 0;
    const target = new URL(server.url);
    const proxy: Server = createServer((incoming, outgoing) => {
      const path = incoming.url ?? "";
      if (path.startsWith("/track/events/")) {
        tracks++;
        if (tracks === 1) {
          incoming.resume();
          outgoing.writeHead(500, { "content-type": "application/json" }).end("{}");
          return;
        }
        if (tracks === 2) return; // hangs: never answered
      }
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path,
          method: incoming.method,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          if (path.startsWith("/sse/") && ++streams === 1) {
            answer.once("data", (chunk) => {
              outgoing.write(chunk);
              setTimeout(() => outgoing.destroy(), 50);
            });
            return;
          }
          answer.pipe(outgoing);
        },
      );
      incoming.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const client = createClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`,
      requestTimeoutMs: 500,
    });
    try {
      await client.ready(5000);
      for (let i = 0; i < 12; i++) client.track({ key: `faulty-${i}` }, "sdk-node-faults", i);
      const deadline = Date.now() + 15_000;
      while ((await storedEvents("sdk-node-faults")) < 12 && Date.now() < deadline) {
        await client.flush();
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await storedEvents("sdk-node-faults")).toBe(12);
      expect(tracks).toBeGreaterThanOrEqual(3);
      // The stream was cut: the client came back and hears a change made now.
      await server.admin("POST", `${WS}/flags`, { key: "after-drop", type: "boolean" });
      await server.admin("PATCH", `${WS}/flags/after-drop/environments/development`, {
        enabled: true,
      });
      const until = Date.now() + 8000;
      while (client.flag({ key: "u" }, "after-drop", false) !== true && Date.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(client.flag({ key: "u" }, "after-drop", false)).toBe(true);
      expect(streams).toBeGreaterThanOrEqual(2);
      // Nothing stored twice, whatever was retried.
      await client.flush();
      expect(await storedEvents("sdk-node-faults")).toBe(12);
    } finally {
      await client.close();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 40_000);

  it("sends what is queued when its process gets SIGTERM", async () => {
    const script = `
      import { createClient } from "@flagsync-oss/sdk-node";
      const client = createClient({ sdkKey: process.env.KEY, baseUrl: process.env.URL });
      await client.ready(5000);
      for (let i = 0; i < 10; i++) client.track({ key: "sig-" + i }, "sdk-node-sigterm", i);
      console.log("queued");
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: new URL("../", import.meta.url),
      env: { ...process.env, KEY: server.keys.development?.server as string, URL: server.url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) =>
      child.stdout?.on("data", (d) => String(d).includes("queued") && resolve()),
    );
    expect(await storedEvents("sdk-node-sigterm")).toBe(0);
    child.kill("SIGTERM");
    const code = await new Promise((resolve) =>
      child.once("exit", (c, signal) => resolve(signal ?? c)),
    );
    expect(code).toBe("SIGTERM");
    expect(await storedEvents("sdk-node-sigterm")).toBe(10);
  }, 20_000);
});
