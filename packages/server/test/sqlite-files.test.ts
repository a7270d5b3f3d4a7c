// SQLite files: a new database is private to the server's user (the file and its -wal and -shm
// files 0600, the folders created for it 0700, whatever the process umask), and commits are
// synced (synchronous=FULL) unless configured otherwise. SQLite only: PostgreSQL's files and
// durability are the database server's.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "../src/storage/database.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe("SQLite file permissions", () => {
  const root = mkdtempSync(join(tmpdir(), "flagsync-modes-"));
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("creates the database 0600 and its new folders 0700, even under umask 000", async () => {
    const path = join(root, "new", "data", "flagsync.db");
    const umask = process.umask(0o000);
    try {
      server = await startTestServer("sqlite", {
        testDatabase: {
          target: { dialect: "sqlite", path },
          url: `sqlite:${path}`,
          drop: async () => {},
        },
      });
    } finally {
      process.umask(umask);
    }
    // Something written through the ingestion writer's connection too.
    const response = await fetch(`${server.url}/track/events/server`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-ridgeline-key": server.keys.development?.server as string,
      },
      body: JSON.stringify({ events: [{ context: { key: "u" }, eventKey: "e" }] }),
    });
    expect(response.status).toBe(200);
    expect(modeOf(join(root, "new"))).toBe(0o700);
    expect(modeOf(join(root, "new", "data"))).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`])
      expect([file, modeOf(file)]).toEqual([file, 0o600]);
  });

  it("syncs every commit (synchronous=FULL) unless SQLITE_SYNCHRONOUS=normal", () => {
    const FULL = 2;
    const NORMAL = 1;
    expect(server?.database.sqlite?.pragma("synchronous", { simple: true })).toBe(FULL);
    const path = join(root, "settings.db");
    for (const [setting, expected] of [
      [undefined, FULL],
      ["full", FULL],
      ["normal", NORMAL],
    ] as const) {
      const sqlite = openSqlite(path, setting);
      expect(sqlite.pragma("synchronous", { simple: true })).toBe(expected);
      sqlite.close();
    }
  });
});
