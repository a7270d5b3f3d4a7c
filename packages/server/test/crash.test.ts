// Crash test: clients send events continuously, the server process is killed with SIGKILL
// mid-stream and restarted on the same database; every event whose request was acknowledged is
// stored exactly once, and the retried unacknowledged batches do not duplicate anything.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/storage/database.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "./support/databases.js";
import {
  firstStartServerKey,
  type ServerProcess,
  startServerProcess,
} from "./support/server-process.js";

const SENDERS = 8;
const BATCH = 50;

interface Batch {
  ids: string[];
  body: string;
}

function batchOf(sender: number, sequence: number): Batch {
  const ids = Array.from({ length: BATCH }, (_, i) => `s${sender}-${sequence}-${i}`);
  const events = ids.map((id, i) => ({
    id,
    context: { key: `user-${sender}-${i % 7}` },
    eventKey: "crash-test",
    value: i,
    timestamp: new Date().toISOString(),
  }));
  return { ids, body: JSON.stringify({ events }) };
}

async function send(url: string, key: string, batch: Batch): Promise<boolean> {
  try {
    const response = await fetch(`${url}/track/events/server`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": key },
      body: batch.body,
      signal: AbortSignal.timeout(5000),
    });
    if (response.status !== 200) return false;
    const result = (await response.json()) as { accepted: number };
    return result.accepted === BATCH;
  } catch {
    return false;
  }
}

describe.each(DIALECTS)("SIGKILL mid-stream on %s", (dialect) => {
  let database: TestDatabase;
  let processes: ServerProcess[] = [];
  let dataDir = "";
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null) p.child.kill("SIGKILL");
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps every acknowledged event exactly once, and retries store nothing twice", async () => {
    database = await createTestDatabase(dialect);
    dataDir = mkdtempSync(join(tmpdir(), "flagsync-crash-"));
    const first = await startServerProcess(database.url, dataDir);
    processes = [first];
    const key = firstStartServerKey(dataDir);

    const acknowledged = new Set<string>();
    const unacknowledged: Batch[] = [];
    let killed = false;
    const senders = Array.from({ length: SENDERS }, async (_, sender) => {
      for (let sequence = 0; ; sequence++) {
        const batch = batchOf(sender, sequence);
        if (await send(first.url, key, batch)) {
          for (const id of batch.ids) acknowledged.add(id);
        } else {
          unacknowledged.push(batch);
          if (killed) return;
        }
      }
    });
    // Kill once a good amount has been acknowledged, while requests are in flight.
    while (acknowledged.size < 20_000) await new Promise((r) => setTimeout(r, 20));
    first.child.kill("SIGKILL");
    killed = true;
    await Promise.all(senders);
    expect(acknowledged.size).toBeGreaterThanOrEqual(20_000);

    const second = await startServerProcess(database.url, dataDir);
    processes.push(second);
    // Senders retry what was never acknowledged, with the same ids.
    for (const batch of unacknowledged) expect(await send(second.url, key, batch)).toBe(true);
    second.child.kill("SIGTERM");
    await new Promise((resolve) => second.child.once("exit", resolve));

    const db = await openDatabase(database.target);
    try {
      const rows = await db.db
        .selectFrom("raw_events")
        .select(["client_id"])
        .where("event_key", "=", "crash-test")
        .execute();
      const counts = new Map<string, number>();
      for (const row of rows)
        counts.set(row.client_id as string, (counts.get(row.client_id as string) ?? 0) + 1);
      const missing = [...acknowledged].filter((id) => !counts.has(id));
      expect(missing).toEqual([]);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      const retried = unacknowledged.flatMap((b) => b.ids);
      for (const id of retried) expect(counts.get(id), id).toBe(1);
      expect(rows.length).toBe(new Set([...acknowledged, ...retried]).size);
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe.each(DIALECTS)("SIGTERM mid-stream on %s", (dialect) => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  let dataDir = "";
  afterAll(async () => {
    if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers every request whose events it stored before it exits", async () => {
    database = await createTestDatabase(dialect);
    dataDir = mkdtempSync(join(tmpdir(), "flagsync-term-"));
    const running = await startServerProcess(database.url, dataDir);
    server = running;
    const key = firstStartServerKey(dataDir);
    // Events without ids, as the official SDKs send them: stored twice or stored unanswered
    // would both show.
    const acknowledged = new Set<number>();
    const refusals: string[] = [];
    let next = 0;
    let stopping = false;
    const senders = Array.from({ length: SENDERS }, async () => {
      for (;;) {
        const numbers = Array.from({ length: BATCH }, () => next++);
        let ok = false;
        try {
          const response = await fetch(`${running.url}/track/events/server`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-ridgeline-key": key },
            body: JSON.stringify({
              events: numbers.map((n) => ({
                context: { key: `user-${n % 13}` },
                eventKey: "term-test",
                properties: { n },
              })),
            }),
            signal: AbortSignal.timeout(5000),
          });
          const body = (await response.json()) as { accepted?: number; errorCode?: string };
          ok = response.status === 200 && body.accepted === BATCH;
          // Refused while closing: the one error shape, never a half-written answer.
          if (!ok) refusals.push(`${response.status} ${body.errorCode}`);
        } catch {
          ok = false;
        }
        if (ok) for (const n of numbers) acknowledged.add(n);
        else if (stopping) return;
      }
    });
    while (acknowledged.size < 5_000) await new Promise((r) => setTimeout(r, 10));
    const exited = new Promise<number | null>((resolve) => running.child.once("exit", resolve));
    running.child.kill("SIGTERM");
    stopping = true;
    await Promise.all(senders);
    expect(await exited).toBe(0);
    expect(refusals.filter((r) => r !== "503 unavailable")).toEqual([]);

    const db = await openDatabase(database.target);
    try {
      const rows = await db.db
        .selectFrom("raw_events")
        .select(["properties"])
        .where("event_key", "=", "term-test")
        .execute();
      const stored = rows.map((r) => {
        const properties = (
          typeof r.properties === "string" ? JSON.parse(r.properties) : r.properties
        ) as { n: number };
        return properties.n;
      });
      expect(stored.length).toBe(new Set(stored).size);
      const unanswered = stored.filter((n) => !acknowledged.has(n));
      expect(unanswered, "stored but never acknowledged").toEqual([]);
      expect(stored.length).toBe(acknowledged.size);
    } finally {
      await db.close();
    }
  }, 60_000);
});
