// The first start creates secrets that are stored only as hashes, so a first start must either
// hand them over or leave nothing behind: a port in use fails before anything is opened or
// written, and a credentials file that cannot be written undoes what the start created, so
// the next start creates and shows them anew.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  failedStart,
  firstStartServerKey,
  type ServerProcess,
  startServerProcess,
} from "./support/server-process.js";

const root = mkdtempSync(join(tmpdir(), "flagsync-first-"));
const started: ServerProcess[] = [];

afterAll(() => {
  for (const p of started) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

/** A fresh data folder with a SQLite database in it, neither created yet. */
function place(name: string) {
  const dataDir = join(root, name, "data");
  return { dataDir, databaseUrl: `sqlite:${join(dataDir, "flagsync.db")}` };
}

/** Starts without a configured admin token, as `npm start` does, and reads the banner. */
async function firstStart(databaseUrl: string, dataDir: string) {
  const server = await startServerProcess(databaseUrl, dataDir, {
    FLAGSYNC_ADMIN_TOKEN: undefined,
  });
  started.push(server);
  await new Promise((resolve) => setTimeout(resolve, 100));
  return server;
}

describe("a first start", () => {
  it("on a port in use fails in one line before anything is written; the next start works", async () => {
    const { dataDir, databaseUrl } = place("port");
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const result = await failedStart(databaseUrl, dataDir, {
        PORT: String(port),
        FLAGSYNC_ADMIN_TOKEN: undefined,
      });
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(
        `FlagSync cannot start: Port ${port} is in use (127.0.0.1:${port}): stop what listens there or set PORT to another port`,
      );
      expect(result.stdout).toBe("");
      // Nothing written: no database, no credentials, not even the folder.
      expect(existsSync(join(root, "port"))).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }

    const server = await firstStart(databaseUrl, dataDir);
    expect(server.output()).toMatch(/First start: the admin token and SDK keys are in /);
    expect(server.output()).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\//);
    const files = readdirSync(dataDir).filter((f) => f.startsWith("credentials-"));
    expect(files).toHaveLength(1);
    const key = firstStartServerKey(dataDir);
    const rules = await fetch(`${server.url}/sdk/rules`, { headers: { "x-ridgeline-key": key } });
    expect(rules.status).toBe(200);
  }, 30_000);

  it("whose credentials file cannot be written undoes what it created; the next start shows new ones", async () => {
    const { dataDir, databaseUrl } = place("unwritable");
    // The data folder lies under a file: it cannot be created (root may write anywhere else).
    const blockedDir = join(root, "unwritable-file");
    writeFileSync(blockedDir, "not a folder");
    const result = await failedStart(databaseUrl, join(blockedDir, "data"), {
      FLAGSYNC_ADMIN_TOKEN: undefined,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^FlagSync cannot start:/);
    expect(result.stdout).not.toMatch(/FlagSync server is running/);

    // Same database, a data folder that works: the workspace, its keys and a token are created
    // anew and shown, instead of being stored where nobody can read them.
    const server = await firstStart(databaseUrl, dataDir);
    expect(server.output()).toMatch(/First start: the admin token and SDK keys are in /);
    const key = firstStartServerKey(dataDir);
    const rules = await fetch(`${server.url}/sdk/rules`, { headers: { "x-ridgeline-key": key } });
    expect(rules.status).toBe(200);
    const file = readdirSync(dataDir).find((f) => f.startsWith("credentials-")) as string;
    const { adminToken } = JSON.parse(readFileSync(join(dataDir, file), "utf8")) as {
      adminToken: string;
    };
    const workspaces = await fetch(`${server.url}/api/v1/workspaces`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(workspaces.status).toBe(200);
    // A later start shows no secrets, and says how to get an admin token back.
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
    const again = await firstStart(databaseUrl, dataDir);
    expect(again.output()).not.toMatch(/First start/);
    expect(again.output()).toMatch(/Lost the admin token\? Restart with FLAGSYNC_ADMIN_TOKEN/);
  }, 30_000);
});
