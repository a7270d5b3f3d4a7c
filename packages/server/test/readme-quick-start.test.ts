// The README's quick start, run as written: its shell blocks and its SDK snippet are read from
// README.md itself (so the README cannot drift from what works), against a fresh server
// process. The only changes: the server is already started (the block with `npm start` is
// skipped), it listens on a free port instead of 8080, and the snippet runs from this
// repository (where the SDK is installed) instead of a new folder. Then simulated traffic
// through the official SDK must give an experiment without a sample-ratio alarm.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as NodeSdk from "@flagsync/node-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "./support/server-process.js";

const require = createRequire(import.meta.url);
const README = fileURLToPath(new URL("../../../README.md", import.meta.url));

/** The fenced code blocks of the README's Quick start section, with their language. */
function quickStartBlocks(): { lang: string; code: string }[] {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf("## Quick start");
  const end = text.indexOf("\n### ", start);
  expect(start).toBeGreaterThan(-1);
  const section = text.slice(start, end);
  return [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1] ?? "",
    code: m[2] ?? "",
  }));
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("the README's quick start", () => {
  const folder = mkdtempSync(join(tmpdir(), "flagsync-readme-"));
  // The snippet imports the SDK: it runs from this repository, where the SDK is installed.
  const snippet = fileURLToPath(new URL(`./.quick-start-${process.pid}.mjs`, import.meta.url));
  let server: ServerProcess;
  let port: string;

  beforeAll(async () => {
    mkdirSync(join(folder, "data"));
    server = await startServerProcess(
      `sqlite:${join(folder, "data", "flagsync.db")}`,
      join(folder, "data"),
      { FLAGSYNC_ADMIN_TOKEN: undefined },
    );
    port = new URL(server.url).port;
  }, 30_000);
  afterAll(() => {
    if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
    rmSync(folder, { recursive: true, force: true });
    rmSync(snippet, { force: true });
  });

  it("runs as written, and its experiment has no sample-ratio alarm with simulated traffic", async () => {
    const blocks = quickStartBlocks();
    const at = (code: string) => code.replaceAll("127.0.0.1:8080", `127.0.0.1:${port}`);
    const shell = blocks.filter((b) => b.lang === "sh" && !b.code.includes("npm start"));
    const js = blocks.filter((b) => b.lang === "js");
    expect(shell).toHaveLength(2);
    expect(js).toHaveLength(1);
    writeFileSync(snippet, at(js[0]?.code ?? ""));

    // The blocks in the order a reader runs them, in one shell: the flag, the snippet, then
    // metrics and the experiment. `set -e` stops at the first command that fails.
    const script = [
      "set -euo pipefail",
      at(shell[0]?.code ?? ""),
      'echo "--- snippet"',
      `node ${JSON.stringify(snippet)}`,
      'echo "--- measure"',
      at(shell[1]?.code ?? ""),
    ].join("\n");
    const shellRun = await run("bash", ["-c", script], folder);
    expect(shellRun.code, `${shellRun.stdout}\n${shellRun.stderr}`).toBe(0);
    const [, afterSnippet = ""] = shellRun.stdout.split("--- snippet\n");
    const [printed = "", measured = ""] = afterSnippet.split("--- measure\n");
    // The snippet's two values are its last lines (the SDK logs a line of its own before).
    const lines = printed.trim().split("\n").slice(-2);
    expect(lines[0]).toBe("Sign Up");
    expect(["Register", "Join Now"]).toContain(lines[1]);
    // Every API answer in the output is a success: none carries an error code.
    expect(measured).not.toContain('"errorCode"');
    expect(measured).toContain('"warnings":[]');

    // Simulated traffic through the official SDK: users served by the rollout, some buy.
    const credentials = readFileSync(
      join(folder, "data", (await run("ls", ["data"], folder)).stdout.trim().split("\n")[0] ?? ""),
      "utf8",
    );
    const key = (JSON.parse(credentials) as { keys: { development: { serverKey: string } } }).keys
      .development.serverKey;
    const sdk = require("@flagsync/node-sdk") as typeof NodeSdk;
    const client = sdk
      .FlagSyncFactory({
        sdkKey: key,
        urls: { sdk: server.url },
        sync: { type: "poll", pollRate: 3600 },
        tracking: {
          impressions: { maxQueueSize: 100_000, pushRate: 3600 },
          events: { maxQueueSize: 100_000, pushRate: 3600 },
        },
        logLevel: "NONE",
      })
      .client();
    await client.waitForReadyCanThrow();
    for (let i = 0; i < 2000; i++) {
      const user = { key: `visitor-${i}` };
      const copy = client.flag(user, "register-button-copy");
      if (i % (copy === "Join Now" ? 3 : 4) === 0) client.track(user, "purchase", 20 + (i % 30));
    }
    await client.destroy();

    const results = await fetch(
      `${server.url}/api/v1/workspaces/default/experiments/button-copy/results`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${(JSON.parse(credentials) as { adminToken: string }).adminToken}`,
        },
      },
    );
    expect(results.status).toBe(200);
    const { result } = (await results.json()) as {
      result: {
        srm: { mismatch: boolean };
        exposures: { analysed: Record<string, number> };
      };
    };
    expect(result.srm.mismatch).toBe(false);
    expect(result.exposures.analysed.register).toBeGreaterThan(800);
    expect(result.exposures.analysed["join-now"]).toBeGreaterThan(800);
  }, 120_000);
});
