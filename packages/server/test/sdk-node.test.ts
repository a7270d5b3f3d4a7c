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
import { makeFlags, storedEvents as stored } from "./support/admin-flags.js";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const WS = "/api/v1/workspaces/default";

describe.each(DIALECTS)("sdk-node on %s", (dialect) => {
  let server: TestServer;
  const flags: Flag[] = benchmarkFlags();
  const users: EvaluationContext[] = generateUsers(10_000);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    // The generated flags, made through the admin API with their states in development.
    await makeFlags(server, flags);
  }, 120_000);
  afterAll(() => server?.stop());

  it("serves what packages/core evaluates, with the variant and the reason", async () => {
    const client = createClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
    });
    expect(await client.ready(5000)).toBe(true);
    // 200 flags × 10,000 users: every value, variant and reason as core gives them.
    let compared = 0;
    const differences: string[] = [];
    for (const flag of flags)
      for (const user of users) {
        const expected = evaluate(flag, user);
        const details = client.flagDetails(user, flag.key, null);
        if (
          JSON.stringify(details.value) !== JSON.stringify(expected.value) ||
          details.variant !== (expected.variantKey ?? null) ||
          details.reason !== expected.reason ||
          details.ruleId !== (expected.ruleId ?? null)
        )
          differences.push(`${flag.key} for ${user.key}: ${JSON.stringify([details, expected])}`);
        compared++;
      }
    expect(differences.slice(0, 5)).toEqual([]);
    expect(compared).toBe(200 * 10_000);
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

  it("leaves no stream open when closed while it connects", async () => {
    const before = server.hub.counts().servers;
    const client = createClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
    });
    await client.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.hub.counts().servers).toBe(before);
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

  const storedEvents = (eventKey: string) => stored(server, eventKey);

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
      if (path.includes("/track/events/")) {
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
            // Cut once the first message (every flag) has passed.
            answer.on("data", (chunk: Buffer) => {
              outgoing.write(chunk);
              if (chunk.includes("data:")) setTimeout(() => outgoing.destroy(), 50);
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
    const heard: string[] = [];
    client.subscribe((event) =>
      heard.push(event.type === "change" ? `change ${event.keys.join(",")}` : event.type),
    );
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
      // Its listeners heard it: ready, stale when the stream was cut, ready again, the change.
      expect(heard.slice(0, 3), heard.join(" | ")).toEqual(["ready", "stale", "ready"]);
      expect(heard.filter((e) => e.startsWith("change")).join(" ")).toContain("after-drop");
      // Nothing stored twice, whatever was retried.
      await client.flush();
      expect(await storedEvents("sdk-node-faults")).toBe(12);
    } finally {
      await client.close();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 40_000);

  it("records one impression per user, flag and variant, with the variant id and the reason", async () => {
    const client = createClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
    });
    await client.ready(5000);
    // Users no other test served.
    const user = { ...(users[7] as EvaluationContext), key: "impressed-1" };
    const other = { ...(users[8] as EvaluationContext), key: "impressed-2" };
    const flag = flags[120] as Flag;
    const served = client.flagDetails(user, flag.key, null);
    for (let i = 0; i < 20; i++) client.flag(user, flag.key, null);
    // Details for a page's bootstrap record nothing.
    const all = client.allFlagDetails(other);
    expect(flags.filter((f) => !(f.key in all))).toEqual([]);
    expect(all[flag.key]).toEqual(client.flagDetails(other, flag.key, null));
    // A value of another type than the default's: the default, and why.
    expect(client.flagDetails(user, flag.key, { other: "type" })).toMatchObject({
      value: { other: "type" },
      reason: "ERROR",
      errorCode: "TYPE_MISMATCH",
    });
    await client.close();
    const rows = await server.database.db
      .selectFrom("raw_impressions")
      .select(["user_key", "variant_id", "reason"])
      .where("flag_key", "=", flag.key)
      .where("user_key", "in", [user.key, other.key])
      .orderBy("user_key")
      .execute();
    expect(rows).toEqual([
      { user_key: user.key, variant_id: served.variantId, reason: served.reason },
      { user_key: other.key, variant_id: all[flag.key]?.variantId, reason: all[flag.key]?.reason },
    ]);
  });

  it("counts what its full queues drop and reports it: the environment shows it", async () => {
    const client = createClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
      maxQueue: 5,
      batchSize: 1000,
      flushIntervalMs: 3_600_000,
    });
    await client.ready(5000);
    const earlier = (await server.admin("GET", `${WS}/environments/development/sdk-drops`)).body;
    for (let i = 0; i < 8; i++) client.track({ key: `drop-${i}` }, "sdk-node-drops", i);
    const flag = flags[3] as Flag;
    for (let i = 0; i < 9; i++) client.flag({ key: `dropped-user-${i}` }, flag.key, null);
    expect(client.dropped).toEqual({ impressions: 4, events: 3 });
    await client.close();
    expect(await storedEvents("sdk-node-drops")).toBe(5);
    // Added to what earlier clients of this file reported (the 10,000-user run drops plenty).
    const drops = await server.admin("GET", `${WS}/environments/development/sdk-drops`);
    expect(drops.status).toBe(200);
    expect(drops.body).toMatchObject({
      clients: earlier.clients + 1,
      impressions: earlier.impressions + 4,
      events: earlier.events + 3,
      bySdk: [{ sdkName: "@flagsync-oss/sdk-node", sdkVersion: "0.1.0" }],
    });
    // Reports are checked field by field, with the key's kind.
    const report = (key: string | undefined, body: unknown) =>
      fetch(`${server.url}/v1/sdk/diagnostics/server`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { "x-ridgeline-key": key } : {}) },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { message?: string } }));
    const good = {
      clientId: "c0ffee00-0000-4000-8000-000000000000",
      sdkName: "x",
      sdkVersion: "1",
      dropped: { impressions: 1, events: 0 },
    };
    expect((await report(undefined, good)).status).toBe(401);
    expect((await report(server.keys.development?.client, good)).status).toBe(401);
    const bad = await report(server.keys.development?.server, {
      ...good,
      dropped: { impressions: -1, events: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("dropped.impressions");
    expect((await report(server.keys.development?.server, good)).status).toBe(200);
  });

  it("keeps a visitor's variant when they sign in, with a bucketing key; the server agrees", async () => {
    const client = createClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
    });
    await client.ready(5000);
    // A rollout without rules, and a signed-in key whose own bucket gets another variant.
    const flag = flags.find(
      (f) => f.state.enabled && f.state.rules.length === 0 && f.state.rollout.length > 1,
    ) as Flag;
    const anonymous = { key: "anon-visitor-1" };
    const before = client.flagDetails(anonymous, flag.key, null);
    const own = Array.from({ length: 200 }, (_, i) => `member-${i}`).find(
      (key) => (evaluate(flag, { key }).variantKey ?? null) !== before.variant,
    ) as string;
    const signedIn = { key: own, bucketingKey: anonymous.key };
    const after = client.flagDetails(signedIn, flag.key, null);
    expect(after).toEqual(before);
    const expected = evaluate(flag, signedIn);
    expect([after.variant, after.value]).toEqual([expected.variantKey, expected.value]);
    await client.close();
    // Remote evaluation gives the same, and the impression's variant is the one the server derives.
    const remote = await fetch(`${server.url}/sdk/flags`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-ridgeline-key": server.keys.development?.client as string,
      },
      body: JSON.stringify({ context: signedIn }),
    }).then((r) => r.json() as Promise<{ flags: Record<string, unknown> }>);
    expect(remote.flags[flag.key]).toEqual(after.value);
    const row = await server.database.db
      .selectFrom("raw_impressions")
      .select(["variant_id", "derived_variant_id"])
      .where("flag_key", "=", flag.key)
      .where("user_key", "=", own)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ variant_id: after.variantId, derived_variant_id: after.variantId });
  });

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
