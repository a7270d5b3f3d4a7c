// Scheduled changes: applied within a second of their time, once, on top of unrelated changes
// but never over a change to the fields they set; ramps; approved change requests at a time;
// kept across a restart; and with two server processes on one PostgreSQL, applied exactly once.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "./support/databases.js";
import {
  firstStartServerKey,
  type ServerProcess,
  startServerProcess,
} from "./support/server-process.js";
import { openSse } from "./support/sse-client.js";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./support/test-server.js";

const WS = "/api/v1/workspaces/default";
const later = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
type Answer = { status: number; body: any };

/** Polls a schedule until it is no longer pending. */
async function settled(
  admin: (method: string, path: string) => Promise<Answer>,
  id: number,
  ms = 5000,
) {
  const until = Date.now() + ms;
  for (;;) {
    const list = await admin("GET", `${WS}/schedules`);
    const found = list.body.find((s: { id: number }) => s.id === id);
    if (found.status !== "pending" || Date.now() > until) return found;
    await sleep(50);
  }
}

describe.each(DIALECTS)("scheduled changes on %s", (dialect) => {
  let server: TestServer;
  const flag = (key: string) => `${WS}/flags/${key}/environments/development`;
  const schedule = (key: string, steps: { at: string; change: object }[], comment?: string) =>
    server.admin("POST", `${flag(key)}/schedules`, { steps, ...(comment ? { comment } : {}) });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const key of ["launch", "ramp", "guarded", "dropped", "gated"])
      expect((await server.admin("POST", `${WS}/flags`, { key, type: "boolean" })).status).toBe(
        201,
      );
  });
  afterAll(() => server?.stop());

  it("turns a flag on within a second of its time, and SDK streams receive it", async () => {
    const sse = await openSse(`${server.url}/sse/sdk-updates/server`, {
      "x-ridgeline-key": server.keys.development?.server as string,
    });
    await sse.message(1);
    const at = later(1200);
    const made = await schedule("launch", [{ at, change: { enabled: true } }], "go live");
    expect(made.status).toBe(201);
    expect(made.body[0]).toMatchObject({ status: "pending", at, author: "FLAGSYNC_ADMIN_TOKEN" });
    const update = JSON.parse(await sse.message(2, 3000));
    const lag = Date.now() - Date.parse(at);
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(1000);
    expect(update.launch.state.isEnabled).toBe(true);
    sse.close();
    const done = await settled(server.admin, made.body[0].id);
    expect(done).toMatchObject({ status: "applied", closedBy: "scheduler" });
    expect(Date.parse(done.closedAt) - Date.parse(at)).toBeLessThan(1000);
    const audit = (await server.admin("GET", `${WS}/flags/launch/audit`)).body.entries as {
      action: string;
      actor: string;
      comment: string | null;
    }[];
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(["schedule.created", "schedule.applied", "flag.state.updated"]),
    );
    expect(audit.find((e) => e.action === "flag.state.updated")).toMatchObject({
      actor: `FLAGSYNC_ADMIN_TOKEN (schedule #${made.body[0].id})`,
      comment: `Schedule #${made.body[0].id} by FLAGSYNC_ADMIN_TOKEN: go live`,
    });
  });

  it("ramps a rollout 10 → 50 → 100 % step by step", async () => {
    const rollout = (on: number) => [
      { variant: "on", percentage: on },
      { variant: "off", percentage: 100 - on },
    ];
    const made = await schedule("ramp", [
      { at: later(1800), change: { rollout: [{ variant: "on", percentage: 100 }] } },
      { at: later(600), change: { enabled: true, rollout: rollout(10) } },
      { at: later(1200), change: { rollout: rollout(50) } },
    ]);
    expect(made.status).toBe(201);
    // Listed by time.
    expect(
      made.body.map(
        (s: { change: { rollout: { percentage: number }[] } }) => s.change.rollout[0]?.percentage,
      ),
    ).toEqual([10, 50, 100]);
    await sleep(900);
    expect((await server.admin("GET", flag("ramp"))).body.rollout[0].percentage).toBe(10);
    for (const s of made.body) expect((await settled(server.admin, s.id)).status).toBe("applied");
    expect((await server.admin("GET", flag("ramp"))).body.rollout).toEqual([
      { variant: "on", percentage: 100 },
    ]);
  });

  it("fails visibly when its fields were changed meanwhile, and applies over other changes", async () => {
    const conflicting = await schedule("guarded", [
      { at: later(800), change: { rollout: [{ variant: "on", percentage: 100 }] } },
    ]);
    const unrelated = await schedule("guarded", [{ at: later(800), change: { enabled: true } }]);
    // Someone sets the rollout by hand first, and the off variant (no schedule sets it).
    expect(
      (
        await server.admin("PATCH", flag("guarded"), {
          rollout: [{ variant: "off", percentage: 100 }],
          offVariant: "on",
        })
      ).status,
    ).toBe(200);
    const failed = await settled(server.admin, conflicting.body[0].id);
    expect(failed.status).toBe("failed");
    expect(failed.failure).toBe(
      "Not applied: the rollout of guarded in development changed since this was scheduled",
    );
    expect((await settled(server.admin, unrelated.body[0].id)).status).toBe("applied");
    const state = (await server.admin("GET", flag("guarded"))).body;
    expect(state).toMatchObject({
      enabled: true,
      offVariant: "on",
      rollout: [{ variant: "off", percentage: 100 }],
    });
    const audit = (await server.admin("GET", `${WS}/flags/guarded/audit`)).body.entries;
    expect(audit.find((e: { action: string }) => e.action === "schedule.failed").comment).toBe(
      failed.failure,
    );
  });

  it("is listed and cancelled, and then never applies; the past is refused", async () => {
    const made = await schedule("dropped", [{ at: later(700), change: { enabled: true } }]);
    const pending = await server.admin("GET", `${WS}/schedules?status=pending&flag=dropped`);
    expect(pending.body.map((s: { id: number }) => s.id)).toEqual([made.body[0].id]);
    const cancelled = await server.admin("POST", `${WS}/schedules/${made.body[0].id}/cancel`);
    expect(cancelled.body.status).toBe("cancelled");
    await sleep(1000);
    expect((await server.admin("GET", flag("dropped"))).body.enabled).toBe(false);
    const past = await schedule("dropped", [{ at: later(-1000), change: { enabled: true } }]);
    expect(past.status).toBe(400);
    expect(past.body.details).toEqual([{ field: "body.at", message: "is not in the future" }]);
  });

  it("applies an approved change request at its time; direct schedules need approval there", async () => {
    const production = `${WS}/flags/gated/environments/production`;
    await server.admin("PATCH", `${WS}/environments/production`, {
      approvals: { required: 1, approverRole: "editor" },
    });
    const direct = await server.admin("POST", `${production}/schedules`, {
      steps: [{ at: later(1000), change: { enabled: true } }],
    });
    expect(direct.status).toBe(409);
    expect(direct.body.errorCode).toBe("approval_required");
    // A request by a person, approved by the instance token (not its author).
    const user = await server.admin("POST", "/api/v1/users", {
      email: "sam@example.com",
      password: "correct horse battery staple",
    });
    await server.admin("PUT", `${WS}/members/${user.body.id}`, { role: "editor" });
    const token = await fetch(`${server.url}/api/v1/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "sam@example.com", password: "correct horse battery staple" }),
    });
    const sam = {
      cookie: (token.headers.get("set-cookie") ?? "").split(";")[0] as string,
      "x-csrf-token": ((await token.json()) as { csrfToken: string }).csrfToken,
      "content-type": "application/json",
    };
    const opened = await fetch(`${server.url}${production}/change-requests`, {
      method: "POST",
      headers: sam,
      body: JSON.stringify({ enabled: true }),
    });
    const request = (await opened.json()) as { id: number };
    const unapproved = await server.admin("POST", `${WS}/change-requests/${request.id}/schedule`, {
      at: later(800),
    });
    expect(unapproved.status).toBe(409);
    await server.admin("POST", `${WS}/change-requests/${request.id}/approve`, {});
    const at = later(800);
    const made = await server.admin("POST", `${WS}/change-requests/${request.id}/schedule`, { at });
    expect(made.status).toBe(201);
    expect((await settled(server.admin, made.body.id)).status).toBe("applied");
    expect((await server.admin("GET", production)).body.enabled).toBe(true);
    expect((await server.admin("GET", `${WS}/change-requests/${request.id}`)).body.status).toBe(
      "applied",
    );
    await server.admin("PATCH", `${WS}/environments/production`, {
      approvals: { required: 0, approverRole: "editor" },
    });
  });

  it("survives a restart between scheduling and its time", async () => {
    const database: TestDatabase = await createTestDatabase(dialect);
    let first: TestServer | undefined = await startTestServer(dialect, { testDatabase: database });
    let second: TestServer | undefined;
    try {
      await first.admin("POST", `${WS}/flags`, { key: "after-restart", type: "boolean" });
      const at = later(2500);
      const made = await first.admin(
        "POST",
        `${WS}/flags/after-restart/environments/development/schedules`,
        { steps: [{ at, change: { enabled: true } }] },
      );
      expect(made.status).toBe(201);
      await first.stop();
      first = undefined;
      second = await startTestServer(dialect, { testDatabase: database });
      const done = await settled((second as TestServer).admin, made.body[0].id);
      expect(done.status).toBe("applied");
      expect(Date.parse(done.closedAt) - Date.parse(at)).toBeLessThan(1000);
    } finally {
      await first?.stop();
      await second?.stop();
      await database.drop();
    }
  });
});

describe("a schedule with two server processes on one PostgreSQL", () => {
  let database: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let serverKey: string;
  const dataDir = mkdtempSync(join(tmpdir(), "flagsync-schedules-"));
  const admin = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${a.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    a = await startServerProcess(database.url, dataDir);
    b = await startServerProcess(database.url, dataDir);
    serverKey = firstStartServerKey(dataDir);
  }, 40_000);
  afterAll(async () => {
    for (const p of [a, b]) if (p && p.child.exitCode === null) p.child.kill("SIGKILL");
    await database?.drop();
  });

  it("applies each schedule exactly once: one state change, one audit entry, one stream update", async () => {
    // Many at one time: both processes work through them at once.
    const keys = Array.from({ length: 20 }, (_, i) => `once-${String(i).padStart(2, "0")}`);
    for (const key of keys)
      expect((await admin("POST", `${WS}/flags`, { key, type: "boolean" })).status).toBe(201);
    const streams = await Promise.all(
      [a, b].map((p) =>
        openSse(`${p.url}/sse/sdk-updates/server`, { "x-ridgeline-key": serverKey }),
      ),
    );
    for (const sse of streams) await sse.message(1);
    const at = later(1500);
    const made = [];
    for (const key of keys)
      made.push(
        await admin("POST", `${WS}/flags/${key}/environments/development/schedules`, {
          steps: [{ at, change: { enabled: true } }],
        }),
      );
    for (const m of made) expect((await settled(admin, m.body[0].id)).status).toBe("applied");
    await sleep(1000);
    for (const key of keys) {
      const audit = (await admin("GET", `${WS}/flags/${key}/audit`)).body.entries as {
        action: string;
      }[];
      expect(audit.filter((e) => e.action === "flag.state.updated")).toHaveLength(1);
      expect(audit.filter((e) => e.action === "schedule.applied")).toHaveLength(1);
      expect((await admin("GET", `${WS}/flags/${key}/environments/development`)).body.version).toBe(
        2,
      );
    }
    // Each process's stream got each change once (several may arrive in one message).
    for (const sse of streams) {
      const changed = sse.messages.slice(1).flatMap((m) => Object.keys(JSON.parse(m)));
      expect(changed.sort()).toEqual(keys);
      sse.close();
    }
  }, 30_000);
});
