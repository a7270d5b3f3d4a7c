// A SQLite database on a disk that fills up (a small tmpfs, mounted by this test as root): the
// server stays up, refuses writes with 503 and says why in its log, reports not ready, and
// takes writes again once there is room.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  firstStartServerKey,
  type ServerProcess,
  startServerProcess,
} from "./support/server-process.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("SQLite on a full disk", () => {
  const mount = mkdtempSync(join(tmpdir(), "flagsync-full-"));
  const filler = join(mount, "filler");
  let server: ServerProcess;
  let key: string;

  beforeAll(async () => {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", mount]);
    mkdirSync(join(mount, "data"));
    server = await startServerProcess(`sqlite:${join(mount, "data", "flagsync.db")}`, mount);
    key = firstStartServerKey(mount);
  }, 30_000);
  afterAll(async () => {
    if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
    await sleep(100);
    execFileSync("umount", ["-l", mount]);
    rmSync(mount, { recursive: true, force: true });
  });

  const track = (n: number) =>
    fetch(`${server.url}/track/events/server`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": key },
      body: JSON.stringify({
        events: Array.from({ length: n }, (_, i) => ({
          context: { key: `user-${i}` },
          eventKey: "disk",
          properties: { padding: "x".repeat(500) },
        })),
      }),
    });
  const ready = async () => (await fetch(`${server.url}/readyz`)).status;

  it("refuses writes with 503 while full, is not ready, and recovers when room is made", async () => {
    expect((await track(10)).status).toBe(200);
    expect(await ready()).toBe(200);
    // Fill the disk: the filler takes what is left, then the server's writes have no room.
    try {
      writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024));
    } catch {
      // ENOSPC once the disk is full: that is the point
    }
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await track(200)).status);
    expect(statuses).toContain(503);
    expect(statuses.filter((s) => s !== 503 && s !== 200)).toEqual([]);
    expect(await ready()).toBe(503);
    expect(server.child.exitCode).toBeNull();
    // The log names the real cause, not the failed rollback that followed it.
    expect(server.output()).toMatch(/SQLITE_FULL|disk is full/);
    expect(server.output()).not.toMatch(/no transaction is active/);

    rmSync(filler);
    let recovered = 0;
    for (let i = 0; i < 50 && recovered !== 200; i++) {
      recovered = (await track(10)).status;
      if (recovered !== 200) await sleep(100);
    }
    expect(recovered).toBe(200);
    expect(await ready()).toBe(200);
  }, 60_000);
});
