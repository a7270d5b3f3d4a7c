// Abusive traffic must not slow down legitimate clients: while a flood runs in another process,
// a probe measures /healthz and a legitimate SDK's tracking request on the same server.
import { fork } from "node:child_process";
import { setPriority } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkpointPostgres, DIALECTS } from "./support/databases.js";
import { legitimateClient, p99, probeDuring } from "./support/latency-probe.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const FLOOD = new URL("./support/flood.mjs", import.meta.url);
const SECONDS = 3;

/**
 * Runs a flood in a child process; resolves with how often each status came back. The child
 * runs at the lowest CPU priority: an attacker's machine is not ours, and on a small test
 * machine the flood's own work would otherwise be measured as the server's.
 */
function flood(
  url: string,
  kind: "large-body" | "random-keys",
  connections: number,
): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = fork(FLOOD, [JSON.stringify({ url, kind, connections, seconds: SECONDS })]);
    if (child.pid !== undefined) setPriority(child.pid, 19);
    child.once("message", (statuses) => resolve(statuses as Record<string, number>));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`flood ended with ${code} and no result`)));
  });
}

describe.each(DIALECTS)("abusive requests on %s", (dialect) => {
  let server: TestServer;
  let serverKey: string;
  const client = () => legitimateClient(server.url, serverKey);

  beforeAll(async () => {
    // Production limits (the defaults).
    server = await startTestServer(dialect);
    serverKey = server.keys.development?.server as string;
    // The legitimate client has been here before: its key is known.
    expect(await client().track()).toBe(200);
    expect(await client().healthz()).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    ["anonymous 1 MB bodies to the admin API", "large-body", 4],
    ["random SDK keys to the flag and tracking endpoints", "random-keys", 8],
  ] as const)(
    "%s: refused with 401/429, legitimate p99 under 50 ms",
    // A latency figure on a shared two-core machine can meet another test's busiest second:
    // a scenario that misses the bound is run once more before it fails.
    { timeout: 20_000, retry: 1 },
    async (_, kind, connections) => {
      if (dialect === "postgres") await checkpointPostgres();
      // The same probes without a flood first: what the machine gives anyway (for the report).
      const quiet = await probeDuring(
        client(),
        new Promise((resolve) => setTimeout(resolve, 1000)),
      );
      const queries = server.database.queryCount();
      const running = flood(server.url, kind, connections);
      const { latencies, failures } = await probeDuring(client(), running);
      const statuses = await running;

      const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
      // The address soon spends its budget of refused requests: the rest get 429, and a 429
      // to a body ends the connection, so a sender still writing may see a reset (-1) instead.
      expect(statuses["429"] ?? 0, JSON.stringify(statuses)).toBeGreaterThan(0);
      expect(statuses["-1"] ?? 0, JSON.stringify(statuses)).toBeLessThan(
        kind === "large-body" ? answered / 10 : 1,
      );
      expect(
        Object.keys(statuses).filter((s) => s !== "401" && s !== "429" && s !== "-1"),
        JSON.stringify(statuses),
      ).toEqual([]);
      expect(answered).toBeGreaterThan(kind === "large-body" ? 100 : 1000);
      // Over its budget of refused requests, an address's keys are not looked up.
      expect(server.database.queryCount() - queries).toBeLessThan(100 + 10 * (SECONDS + 2) + 50);

      expect(failures).toEqual([]);
      const summary = `${kind}: ${answered} flood requests ${JSON.stringify(statuses)}; healthz p99 ${p99(latencies.healthz).toFixed(1)} ms, track p99 ${p99(latencies.track).toFixed(1)} ms over ${latencies.track.length} probes each (without a flood: ${p99(quiet.latencies.healthz).toFixed(1)} and ${p99(quiet.latencies.track).toFixed(1)} ms)`;
      if (process.env.ABUSE_REPORT) console.log(summary);
      expect(latencies.track.length, summary).toBeGreaterThan(20);
      expect(p99(latencies.healthz), summary).toBeLessThan(50);
      expect(p99(latencies.track), summary).toBeLessThan(50);
    },
  );
});
