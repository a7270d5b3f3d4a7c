// Database faults as an operator meets them (a failover, a restart, pg_terminate_backend, a
// database that refuses connections) against two real server processes on one PostgreSQL,
// while admin writes, ingestion, streaming and analysis run. The processes stay up, requests in
// flight fail with 503 at worst, readiness follows the database, streams hear changes again,
// and every acknowledged event is stored exactly once.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as NodeSdk from "@flagsync/node-sdk";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, POSTGRES_URL, type TestDatabase } from "./support/databases.js";
import {
  firstStartServerKey,
  type ServerProcess,
  startServerProcess,
} from "./support/server-process.js";
import { openSse } from "./support/sse-client.js";
import { ADMIN_TOKEN } from "./support/test-server.js";

const require = createRequire(import.meta.url);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ends every connection to the database but the caller's, as a failover or restart does. */
async function terminateBackends(name: string): Promise<number> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const result = await client.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [name],
    );
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

async function allowConnections(name: string, allow: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`alter database ${name} allow_connections ${allow}`);
  } finally {
    await client.end();
  }
}

/** What the load saw: acknowledged and attempted event sequence numbers, statuses by kind. */
interface Load {
  acknowledged: Set<number>;
  attempted: Set<number>;
  statuses: Record<string, Record<number, number>>;
  stop(): Promise<void>;
}

function count(statuses: Load["statuses"], kind: string, status: number): void {
  const byStatus = statuses[kind] ?? {};
  byStatus[status] = (byStatus[status] ?? 0) + 1;
  statuses[kind] = byStatus;
}

/**
 * Admin writes, event batches (half with client ids) and analyses against two processes until
 * stopped. A request that cannot connect counts as status 0.
 */
function startLoad(servers: ServerProcess[], serverKey: string, firstSeq: number): Load {
  const acknowledged = new Set<number>();
  const attempted = new Set<number>();
  const statuses: Load["statuses"] = {};
  let running = true;
  let seq = firstSeq;
  const call = async (kind: string, url: string, init: RequestInit): Promise<number> => {
    let status = 0;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 0;
    }
    count(statuses, kind, status);
    return status;
  };
  const admin = (server: ServerProcess, method: string, path: string, body?: unknown) =>
    call("admin", `${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const loops: Promise<void>[] = [];
  servers.forEach((server, s) => {
    loops.push(
      (async () => {
        for (let round = 0; running; round++) {
          await admin(
            server,
            "PATCH",
            "/api/v1/workspaces/default/flags/fault-flag/environments/development",
            { enabled: round % 2 === 0 },
          );
          await admin(server, "PATCH", "/api/v1/workspaces/default/flags/fault-flag", {
            description: `round ${s}-${round}`,
          });
        }
      })(),
    );
    for (let lane = 0; lane < 2; lane++) {
      loops.push(
        (async () => {
          for (let batch = 0; running; batch++) {
            const withIds = batch % 2 === 1;
            const numbers = Array.from({ length: 20 }, () => seq++);
            for (const n of numbers) attempted.add(n);
            await call("impressions", `${server.url}/track/impressions/server`, {
              method: "POST",
              headers: { "x-ridgeline-key": serverKey, "content-type": "application/json" },
              body: JSON.stringify({
                impressions: numbers.map((n) => ({
                  context: { key: `user-${n % 50}` },
                  flagKey: "fault-flag",
                  flagValue: n % 2 === 0,
                })),
              }),
            });
            const status = await call("track", `${server.url}/track/events/server`, {
              method: "POST",
              headers: { "x-ridgeline-key": serverKey, "content-type": "application/json" },
              body: JSON.stringify({
                events: numbers.map((n) => ({
                  context: { key: `user-${n % 50}` },
                  eventKey: "fault",
                  value: 1,
                  properties: { seq: n },
                  ...(withIds ? { id: `fault-${n}` } : {}),
                })),
              }),
            });
            if (status >= 200 && status < 300) for (const n of numbers) acknowledged.add(n);
          }
        })(),
      );
    }
    loops.push(
      (async () => {
        while (running) {
          await call(
            "analysis",
            `${server.url}/api/v1/workspaces/default/experiments/fault-test/results`,
            { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
          );
          await sleep(50);
        }
      })(),
    );
  });
  return {
    acknowledged,
    attempted,
    statuses,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe("PostgreSQL faults under load", () => {
  let database: TestDatabase;
  let name: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let serverKey: string;
  const dataDir = mkdtempSync(join(tmpdir(), "flagsync-faults-"));
  const admin = async (server: ServerProcess, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const waitReady = async (server: ServerProcess, timeoutMs = 20_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const status = await fetch(`${server.url}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      await sleep(100);
    }
    throw new Error(`${server.url} did not become ready`);
  };
  /** Rows stored per sequence number of the fault events. */
  const storedCounts = async (): Promise<Map<number, number>> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const result = await client.query<{ seq: number; n: number }>(
        "select (properties->>'seq')::int as seq, count(*)::int as n from raw_events where event_key = 'fault' group by 1",
      );
      return new Map(result.rows.map((r) => [r.seq, r.n]));
    } finally {
      await client.end();
    }
  };
  const expectExactlyOnce = async (load: Load) => {
    const stored = await storedCounts();
    const twice = [...stored].filter(([, n]) => n > 1).map(([seq]) => seq);
    expect(twice, "events stored more than once").toEqual([]);
    const lost = [...load.acknowledged].filter((seq) => stored.get(seq) !== 1);
    expect(lost, "acknowledged events not stored").toEqual([]);
    const first = Math.min(...load.attempted);
    const unknown = [...stored.keys()].filter((seq) => seq >= first && !load.attempted.has(seq));
    expect(unknown).toEqual([]);
  };
  /** Requests failed as "unavailable" at worst: never a 500, a dropped connection or a hang. */
  const expectNoFailureButUnavailable = (load: Load) => {
    for (const [kind, byStatus] of Object.entries(load.statuses)) {
      const bad = Object.keys(byStatus)
        .map(Number)
        .filter((s) => s === 0 || s === 500);
      expect(bad, `${kind}: ${JSON.stringify(byStatus)}`).toEqual([]);
    }
  };
  const expectAlive = () => {
    expect(a.child.exitCode, a.output()).toBeNull();
    expect(b.child.exitCode, b.output()).toBeNull();
    for (const server of [a, b]) {
      expect(server.output()).not.toMatch(/Unhandled|uncaught|ERR_UNHANDLED/i);
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    name = new URL(database.url).pathname.slice(1);
    a = await startServerProcess(database.url, dataDir);
    b = await startServerProcess(database.url, dataDir);
    serverKey = firstStartServerKey(dataDir);
    expect(
      (
        await admin(a, "POST", "/api/v1/workspaces/default/flags", {
          key: "fault-flag",
          type: "boolean",
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await admin(a, "POST", "/api/v1/workspaces/default/metrics", {
          key: "faults",
          kind: "count",
          eventKey: "fault",
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await admin(a, "POST", "/api/v1/workspaces/default/experiments", {
          key: "fault-test",
          flag: "fault-flag",
          environment: "development",
          baseline: "off",
          primaryMetric: "faults",
        })
      ).status,
    ).toBe(201);
    expect(
      (await admin(a, "POST", "/api/v1/workspaces/default/experiments/fault-test/start", {}))
        .status,
    ).toBe(200);
  }, 60_000);

  afterAll(async () => {
    for (const p of [a, b]) if (p && p.child.exitCode === null) p.child.kill("SIGKILL");
    if (name) await allowConnections(name, true).catch(() => {});
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stays up while backends are terminated again and again; nothing acknowledged is lost or doubled", async () => {
    const sse = await openSse(`${b.url}/sse/sdk-updates/server`, { "x-ridgeline-key": serverKey });
    await sse.message(1);
    const load = startLoad([a, b], serverKey, 0);
    let terminated = 0;
    for (let round = 0; round < 15; round++) {
      await sleep(150 + (round % 3) * 100);
      terminated += await terminateBackends(name);
    }
    await load.stop();
    expectAlive();
    expect(terminated).toBeGreaterThan(15);
    expectNoFailureButUnavailable(load);
    expect(load.statuses.track?.[200] ?? 0).toBeGreaterThan(0);
    await waitReady(a);
    await waitReady(b);
    await expectExactlyOnce(load);

    // Analyses that failed midway kept nothing half-read: A's result (its kept rows brought up
    // to date) is the result of a process that reads everything afresh.
    const fresh = await startServerProcess(database.url, dataDir);
    try {
      const figures = async (server: ServerProcess) => {
        const response = await admin(
          server,
          "POST",
          "/api/v1/workspaces/default/experiments/fault-test/results",
        );
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        const result = response.body.result as {
          exposures: { total: number };
          assignment: unknown;
          metrics: { variants: { users: number; mean: number }[] }[];
        };
        return {
          exposures: result.exposures,
          assignment: result.assignment,
          variants: result.metrics.map((m) => m.variants.map((v) => [v.users, v.mean])),
        };
      };
      const kept = await figures(a);
      expect(kept.exposures.total).toBeGreaterThan(0);
      expect(kept).toEqual(await figures(fresh));
    } finally {
      fresh.child.kill("SIGKILL");
    }

    // B's LISTEN connection was terminated too: a change through A still reaches B's stream.
    // (The load left the flag on or off; the change is the other, since an unchanged state is
    // not sent.)
    const statePath = "/api/v1/workspaces/default/flags/fault-flag/environments/development";
    const enabled = !(await admin(a, "GET", statePath)).body.enabled;
    const before = sse.messages.length;
    expect((await admin(a, "PATCH", statePath, { enabled })).status).toBe(200);
    const update = JSON.parse(await sse.message(before + 1, 5000)) as Record<
      string,
      { state: { isEnabled: boolean } }
    >;
    expect(update["fault-flag"]?.state.isEnabled).toBe(enabled);
    sse.close();
  }, 120_000);

  it("refuses connections for 10 s: not ready, then ready again, and serves as before", async () => {
    const sse = await openSse(`${b.url}/sse/sdk-updates/server`, { "x-ridgeline-key": serverKey });
    await sse.message(1);
    // The official SDK streams from B through the outage, then sees changes made through A.
    const { FlagSyncFactory } = require("@flagsync/node-sdk") as typeof NodeSdk;
    const sdk = FlagSyncFactory({
      sdkKey: serverKey,
      urls: { sdk: b.url },
      sync: { type: "stream" },
      logLevel: "NONE",
    }).client();
    await sdk.waitForReadyCanThrow();
    const load = startLoad([a, b], serverKey, 1_000_000);
    await sleep(500);
    await allowConnections(name, false);
    await terminateBackends(name);
    const outageStarted = Date.now();
    let sawNotReady = false;
    while (Date.now() - outageStarted < 10_000) {
      const status = await fetch(`${a.url}/readyz`, { signal: AbortSignal.timeout(5000) }).then(
        (r) => r.status,
        () => 0,
      );
      expect(status === 200 || status === 503).toBe(true);
      if (status === 503) sawNotReady = true;
      await sleep(200);
    }
    expect(sawNotReady).toBe(true);
    // A stream opened now is served the flags last loaded, or, when there are none, ended with
    // a retry hint (the SDK comes back); never left open and silent.
    const during = await openSse(`${a.url}/sse/sdk-updates/server`, {
      "x-ridgeline-key": serverKey,
    });
    expect(during.status).toBe(200);
    const served = await during.message(1, 2000).then(
      () => true,
      () => false,
    );
    if (!served) expect(during.isClosed()).toBe(true);
    during.close();
    await allowConnections(name, true);
    await waitReady(a);
    await waitReady(b);
    await sleep(500);
    await load.stop();
    expectAlive();
    expectNoFailureButUnavailable(load);
    // During the outage requests were answered 503, not held until the database came back.
    expect(load.statuses.track?.[503] ?? 0).toBeGreaterThan(0);
    await expectExactlyOnce(load);
    // After the outage, a track request is acknowledged at once and a change reaches B's stream.
    const response = await fetch(`${a.url}/track/events/server`, {
      method: "POST",
      headers: { "x-ridgeline-key": serverKey, "content-type": "application/json" },
      body: JSON.stringify({ events: [{ context: { key: "after" }, eventKey: "after-outage" }] }),
    });
    expect(response.status).toBe(200);
    const before = sse.messages.length;
    expect(
      (
        await admin(a, "PATCH", "/api/v1/workspaces/default/flags/fault-flag", {
          description: "after the outage",
        })
      ).status,
    ).toBe(200);
    await sse.message(before + 1, 5000);
    sse.close();
    const sdkSees = async (expected: boolean) => {
      const deadline = Date.now() + 5000;
      while (sdk.flag({ key: "user-1" }, "fault-flag") !== expected && Date.now() < deadline)
        await sleep(50);
      expect(sdk.flag({ key: "user-1" }, "fault-flag")).toBe(expected);
    };
    for (const enabled of [false, true]) {
      expect(
        (
          await admin(
            a,
            "PATCH",
            "/api/v1/workspaces/default/flags/fault-flag/environments/development",
            { enabled },
          )
        ).status,
      ).toBe(200);
      await sdkSees(enabled);
    }
    await sdk.destroy();
  }, 120_000);

  it("sends a stream whose flags it cannot load away to retry, and serves it once it can", async () => {
    // An environment whose key A knows (from a track request) but whose flags it never loaded.
    const cold = await admin(a, "POST", "/api/v1/workspaces/default/environments", {
      key: "cold",
      name: "Cold",
    });
    expect(cold.status).toBe(201);
    const coldKey = (cold.body.keys as { kind: string; secret: string }[]).find(
      (k) => k.kind === "server",
    )?.secret as string;
    const known = await fetch(`${a.url}/track/events/server`, {
      method: "POST",
      headers: { "x-ridgeline-key": coldKey, "content-type": "application/json" },
      body: JSON.stringify({ events: [] }),
    });
    expect(known.status).toBe(200);
    await allowConnections(name, false);
    await terminateBackends(name);
    try {
      // Answered as the SDKs understand it (any other status would stop them for good): 200,
      // come back in 5 s, and the end of the stream, with no flags.
      const refused = await fetch(`${a.url}/sse/sdk-updates/server`, {
        headers: { "x-ridgeline-key": coldKey },
      });
      expect(refused.status).toBe(200);
      const told = await refused.text();
      expect(told).toContain("retry: 5000");
      expect(told).not.toContain("data:");
    } finally {
      await allowConnections(name, true);
    }
    await waitReady(a);
    const again = await openSse(`${a.url}/sse/sdk-updates/server`, { "x-ridgeline-key": coldKey });
    expect(again.status).toBe(200);
    expect(JSON.parse(await again.message(1))).toHaveProperty("fault-flag");
    again.close();
  }, 60_000);
});
