// Our browser SDK in Node against the real server: for 200 varied flags (booleans, strings,
// numbers and JSON; targeting rules on attributes; percentage rollouts; some off) made through the
// admin API, and 10,000 users, every value, variant, variant id and reason that sdk-web serves
// after identify() equals what packages/core evaluates from the rules the server gives server
// SDKs (GET /sdk/rules). The clients run in a worker thread, so the server has a core of its own
// (a second worker gains little, and would take the other core from the files running beside).

import { Worker } from "node:worker_threads";
import type { FeatureFlagEnvironmentDetailDto } from "@flagsync-oss/core";
import { generateUsers } from "@flagsync-oss/testkit";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFlags } from "../../server/test/support/admin-flags.js";
import { DIALECTS } from "../../server/test/support/databases.js";
import { startTestServer, type TestServer } from "../../server/test/support/test-server.js";
import type { AgreementJob, AgreementResult } from "./agreement-worker.js";
import { variedFlags } from "./varied-flags.js";

const USERS = 10_000;
const WORKERS = 1;
const CLIENTS_PER_WORKER = 8;

let workerCode = "";
beforeAll(async () => {
  const built = await build({
    entryPoints: [new URL("./agreement-worker.ts", import.meta.url).pathname],
    bundle: true,
    platform: "node",
    format: "cjs",
    conditions: ["source"],
    write: false,
    logLevel: "silent",
  });
  workerCode = built.outputFiles[0]?.text ?? "";
});

function runWorker(job: AgreementJob): Promise<AgreementResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerCode, { eval: true, workerData: job });
    worker.once("message", (result: AgreementResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the worker exited with ${code}`)));
  });
}

describe.each(DIALECTS)("sdk-web and packages/core on %s", (dialect) => {
  let server: TestServer;
  const flags = variedFlags();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await makeFlags(server, flags);
  }, 60_000);
  afterAll(() => server?.stop());

  it(`serve the same value and variant for 200 flags × ${USERS} users`, async () => {
    const types = new Set(flags.map((f) => f.type));
    expect([...types].sort()).toEqual(["boolean", "json", "number", "string"]);
    const answer = await fetch(`${server.url}/sdk/rules`, {
      headers: { "x-ridgeline-key": server.keys.development?.server as string },
    });
    const rules = (
      (await answer.json()) as { flags: Record<string, FeatureFlagEnvironmentDetailDto> }
    ).flags;
    expect(Object.keys(rules)).toHaveLength(200);
    const users = generateUsers(USERS);
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: WORKERS }, (_, w) =>
        runWorker({
          baseUrl: server.url,
          clientKey: server.keys.development?.client as string,
          rules,
          users: users.filter((_, i) => i % WORKERS === w),
          lanes: CLIENTS_PER_WORKER,
        }),
      ),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`sdk-web on ${dialect}: ${USERS} users × 200 flags compared in ${seconds} s`);
    expect(results.flatMap((r) => r.differences)).toEqual([]);
    expect(results.reduce((n, r) => n + r.differing, 0)).toBe(0);
    expect(results.reduce((n, r) => n + r.compared, 0)).toBe(200 * USERS);
  }, 60_000);
});
