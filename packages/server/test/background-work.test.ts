// Work no request waits for is visible: analyses (how they ran, rows read), retention and the
// results refresh are logged and counted in /metrics, a failure among them is logged with its
// error and counted, and a worker thread that exits unasked is reported.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkerClient } from "../src/threads/worker-client.js";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const WS = "/api/v1/workspaces/default";

/** The value of a Prometheus sample line (0 when absent). */
function sample(text: string, name: string, labels: string): number {
  const prefix = labels === "" ? `${name} ` : `${name}{${labels}}`;
  const line = text.split("\n").find((l) => l.startsWith(prefix));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe.each(DIALECTS)("background work on %s", (dialect) => {
  let server: TestServer;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logStream = new PassThrough();
    logStream.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n"))
        if (line.trim() !== "") lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    server = await startTestServer(dialect, { config: { logLevel: "info" }, logStream });
    expect(
      (
        await server.admin("POST", `${WS}/flags`, {
          key: "banner",
          type: "boolean",
        })
      ).status,
    ).toBe(201);
    await server.admin("PATCH", `${WS}/flags/banner/environments/development`, {
      enabled: true,
      rollout: [
        { variant: "on", percentage: 50 },
        { variant: "off", percentage: 50 },
      ],
    });
    await server.admin("POST", `${WS}/metrics`, {
      key: "clicks",
      kind: "count",
      eventKey: "click",
    });
    for (const key of ["banner-test", "doomed-test"]) {
      await server.admin("POST", `${WS}/experiments`, {
        key,
        flag: "banner",
        environment: "development",
        baseline: "off",
        primaryMetric: "clicks",
      });
      expect((await server.admin("POST", `${WS}/experiments/${key}/start`, {})).status).toBe(200);
    }
  });
  afterAll(() => server?.stop());

  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-ridgeline-key": server.keys.development?.server as string,
      },
      body: JSON.stringify(body),
    });
  const traffic = async (from: number, to: number) => {
    const users = Array.from({ length: to - from }, (_, i) => ({ key: `u${from + i}` }));
    expect(
      (
        await post("/track/impressions/server", {
          impressions: users.map((context) => ({ context, flagKey: "banner", flagValue: true })),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post("/track/events/server", {
          events: users.map((context) => ({ context, eventKey: "click" })),
        })
      ).status,
    ).toBe(200);
  };
  const metrics = async () => (await fetch(`${server.url}/metrics`)).text();

  it("counts analyses by how they ran and the rows they read, and logs each", async () => {
    await traffic(0, 40);
    const before = await metrics();
    expect((await server.admin("POST", `${WS}/experiments/banner-test/results`)).status).toBe(200);
    await traffic(40, 50);
    expect((await server.admin("POST", `${WS}/experiments/banner-test/results`)).status).toBe(200);
    const after = await metrics();
    const delta = (labels: string, name = "flagsync_analyses_total") =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('way="full"')).toBe(1);
    expect(delta('way="kept"')).toBe(1);
    expect(delta("", "flagsync_analysis_rows_read_total")).toBe(50);
    expect(delta('job="analysis",outcome="ok"', "flagsync_background_runs_total")).toBe(2);
    const logged = lines.filter((l) => l.job === "analysis" && l.msg === "analysis done");
    expect(logged.at(-1)).toMatchObject({ flag: "banner", way: "kept", rows: 10, passes: 1 });
  });

  it("reports analysis rows that cannot be stored, and the results stand", async () => {
    const rename = (from: string, to: string) =>
      sql`alter table ${sql.table(from)} rename to ${sql.table(to)}`.execute(server.database.db);
    await rename("analysis_kept_parts", "analysis_kept_parts_away");
    try {
      for (const to of [60, 70]) {
        await traffic(to - 10, to);
        expect((await server.admin("POST", `${WS}/experiments/banner-test/results`)).status).toBe(
          200,
        );
      }
    } finally {
      await rename("analysis_kept_parts_away", "analysis_kept_parts");
    }
    expect(
      sample(
        await metrics(),
        "flagsync_background_runs_total",
        'job="analysis store",outcome="failed"',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(lines.find((l) => l.msg === "analysis store failed")).toMatchObject({
      flag: "banner",
      err: { message: expect.stringMatching(/analysis_kept_parts/) },
    });
  });

  it("runs retention at start and reports it", async () => {
    await expect
      .poll(async () =>
        sample(await metrics(), "flagsync_background_runs_total", 'job="retention",outcome="ok"'),
      )
      .toBeGreaterThanOrEqual(1);
    expect(lines.find((l) => l.job === "retention" && l.msg === "retention done")).toMatchObject({
      events: 0,
      impressions: 0,
    });
  });

  it("reports an experiment the refresh cannot analyse, and refreshes the others", async () => {
    // The experiment's flag is gone underneath it (as a broken restore would leave it).
    await server.database.db
      .updateTable("experiments")
      .set({ flag_key: "no-such-flag" })
      .where("key", "=", "doomed-test")
      .execute();
    const before = sample(
      await metrics(),
      "flagsync_background_runs_total",
      'job="results-refresh",outcome="failed"',
    );
    expect(await server.resultsRefresh.runOnce()).toEqual({ refreshed: 1, failed: 1, expired: 0 });
    expect(
      sample(
        await metrics(),
        "flagsync_background_runs_total",
        'job="results-refresh",outcome="failed"',
      ),
    ).toBe(before + 1);
    const failure = lines.find(
      (l) => l.job === "results-refresh" && l.msg === "results-refresh failed",
    );
    expect(failure).toMatchObject({ experiment: "doomed-test" });
    expect(JSON.stringify(failure?.err)).toMatch(/no-such-flag/);
  });
});

describe("a worker thread that exits unasked", () => {
  const dir = mkdtempSync(join(tmpdir(), "flagsync-worker-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fails its requests, is reported, and the next request starts another", async () => {
    const module = join(dir, "exits.mjs");
    writeFileSync(
      module,
      `import { parentPort } from "node:worker_threads";
       parentPort.on("message", (m) => {
         if (m.type === "close") return parentPort.close();
         if (m.body === "exit") process.exit(3);
         if (m.body === "crash") throw new Error("boom");
         parentPort.postMessage({ id: m.id, result: m.body });
       });`,
    );
    const exits: number[] = [];
    const client = new WorkerClient<string, string>(module, {}, "test", (code) => exits.push(code));
    await expect(client.request("exit")).rejects.toThrow(/the test thread exited \(3\)/);
    expect(exits).toEqual([3]);
    expect(await client.request("again")).toBe("again");
    // An uncaught error ends the thread too (an error event, then the exit).
    await expect(client.request("crash")).rejects.toThrow(/boom/);
    await expect.poll(() => exits).toEqual([3, 1]);
    expect(await client.request("after the crash")).toBe("after the crash");
    // Closed on purpose: not reported.
    await client.close();
    expect(exits).toEqual([3, 1]);
  });
});
