// Two real server processes on one PostgreSQL database: a change made through one reaches the
// SDK streams of the other (LISTEN/NOTIFY), and a SIGTERM shuts a process down cleanly.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/databases.js";
import {
  firstStartServerKey,
  type ServerProcess as Process,
  startServerProcess as startProcess,
} from "./support/server-process.js";
import { openSse } from "./support/sse-client.js";
import { ADMIN_TOKEN } from "./support/test-server.js";

describe("two server processes on one PostgreSQL", () => {
  let database: TestDatabase;
  let a: Process;
  let b: Process;
  let serverKey: string;
  const dataDir = mkdtempSync(join(tmpdir(), "flagsync-mp-"));

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    a = await startProcess(database.url, dataDir);
    b = await startProcess(database.url, dataDir);
    serverKey = firstStartServerKey(dataDir);
  }, 40_000);

  afterAll(async () => {
    for (const p of [a, b]) if (p && p.child.exitCode === null) p.child.kill("SIGKILL");
    await database?.drop();
  });

  it("only the first process created the default workspace and wrote credentials", () => {
    expect(readdirSync(dataDir).filter((f) => f.startsWith("credentials-"))).toHaveLength(1);
  });

  it("delivers a change made through A to an SSE client of B within a second", async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${a.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect(
      (await admin("POST", "/api/v1/workspaces/default/flags", { key: "cross", type: "boolean" }))
        .status,
    ).toBe(201);
    const sse = await openSse(`${b.url}/sse/sdk-updates/server`, { "x-ridgeline-key": serverKey });
    const first = JSON.parse(await sse.message(1)) as Record<
      string,
      { state: { isEnabled: boolean } }
    >;
    expect(first.cross?.state.isEnabled).toBe(false);
    const started = Date.now();
    expect(
      (
        await admin("PATCH", "/api/v1/workspaces/default/flags/cross/environments/development", {
          enabled: true,
        })
      ).status,
    ).toBe(200);
    const update = JSON.parse(await sse.message(2, 1000)) as Record<
      string,
      { state: { isEnabled: boolean } }
    >;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(update.cross?.state.isEnabled).toBe(true);
    // B's SDK path serves the new state too (its snapshot was dropped by the notice).
    const rules = (await (
      await fetch(`${b.url}/sdk/rules`, { headers: { "x-ridgeline-key": serverKey } })
    ).json()) as { flags: Record<string, { state: { isEnabled: boolean } }> };
    expect(rules.flags.cross?.state.isEnabled).toBe(true);
    sse.close();
  });

  it("refuses a key revoked through A on B at once", async () => {
    const keys = (await (
      await fetch(`${a.url}/api/v1/workspaces/default/environments/development/sdk-keys`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).json()) as { id: number; kind: string }[];
    const created = (await (
      await fetch(`${a.url}/api/v1/workspaces/default/environments/development/sdk-keys`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ kind: "server" }),
      })
    ).json()) as { id: number; secret: string };
    expect(keys.length).toBeGreaterThan(0);
    const onB = async () =>
      (await fetch(`${b.url}/sdk/rules`, { headers: { "x-ridgeline-key": created.secret } }))
        .status;
    expect(await onB()).toBe(200);
    await fetch(
      `${a.url}/api/v1/workspaces/default/environments/development/sdk-keys/${created.id}`,
      { method: "DELETE", headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
    );
    const deadline = Date.now() + 1000;
    while ((await onB()) !== 401 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(await onB()).toBe(401);
  });

  it("keeps one correct event catalog while both ingest the same keys at once", async () => {
    // Each request brings new property names and types, so both processes merge profiles
    // concurrently as well as adding counts.
    const post = (url: string, r: number) =>
      fetch(`${url}/track/events/server`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-ridgeline-key": serverKey },
        body: JSON.stringify({
          events: Array.from({ length: 50 }, (_, i) => ({
            context: { key: `user-${i}` },
            eventKey: `shared-${i % 5}`,
            value: i % 3 === 0 ? null : i + r,
            properties: { [`p${r % 7}`]: r % 2 === 0 ? r : `text-${r}`, common: i },
          })),
        }),
      });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, r) => post(r % 2 === 0 ? a.url : b.url, r)),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    const catalog = (await (
      await fetch(`${a.url}/api/v1/workspaces/default/environments/development/event-catalog`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).json()) as {
      events: {
        eventKey: string;
        total: number;
        value: { count: number; min: number; max: number } | null;
        properties: Record<string, { types: string[] }>;
      }[];
    };
    const shared = catalog.events.filter((e) => e.eventKey.startsWith("shared-"));
    expect(shared).toHaveLength(5);
    for (const entry of shared) {
      const k = Number(entry.eventKey.slice("shared-".length));
      const values = Array.from({ length: 40 }, (_, r) =>
        Array.from({ length: 50 }, (_, i) => i)
          .filter((i) => i % 5 === k && i % 3 !== 0)
          .map((i) => i + r),
      ).flat();
      expect(entry.total).toBe(40 * 10);
      expect(entry.value?.count).toBe(values.length);
      expect(entry.value?.min).toBe(Math.min(...values));
      expect(entry.value?.max).toBe(Math.max(...values));
      // Every property name sent, with both types where both were sent.
      expect(Object.keys(entry.properties).sort()).toEqual(
        ["common", "p0", "p1", "p2", "p3", "p4", "p5", "p6"].sort(),
      );
      for (let p = 0; p < 7; p++) {
        const types = new Set(
          Array.from({ length: 40 }, (_, r) => r)
            .filter((r) => r % 7 === p)
            .map((r) => (r % 2 === 0 ? "number" : "string")),
        );
        expect(new Set(entry.properties[`p${p}`]?.types)).toEqual(types);
      }
    }
  });

  it("shuts down on SIGTERM: streams closed, exit code 0", async () => {
    const sse = await openSse(`${b.url}/sse/sdk-updates/server`, { "x-ridgeline-key": serverKey });
    await sse.message(1);
    const exited = new Promise<number | null>((resolve) => b.child.once("exit", resolve));
    b.child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
