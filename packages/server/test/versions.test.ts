// Rollback: every version of a flag's state is listed with who made it and why, and an earlier
// one is restored as a new change, at once or as a change request where approvals are required.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const WS = "/api/v1/workspaces/default";

describe.each(DIALECTS)("state versions on %s", (dialect) => {
  let server: TestServer;
  const dev = `${WS}/flags/history/environments/development`;
  const staff = {
    name: "Staff",
    variant: "on",
    clauses: [{ attribute: "EMAIL", operator: "EW", values: ["@acme.com"] }],
  };
  const content = (state: Record<string, unknown>) => {
    const { version: _v, updatedAt: _u, rules, ...rest } = state;
    return { ...rest, rules: (rules as { id: number }[]).map(({ id: _id, ...r }) => r) };
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.admin("POST", `${WS}/flags`, { key: "history", type: "boolean" });
    for (const change of [
      { enabled: true, comment: "on for all" },
      {
        rollout: [
          { variant: "on", percentage: 25 },
          { variant: "off", percentage: 75 },
        ],
      },
      { rules: [staff] },
    ])
      expect((await server.admin("PATCH", dev, change)).status).toBe(200);
  });
  afterAll(() => server?.stop());

  it("lists every version newest first, with who, when and why", async () => {
    const versions = (await server.admin("GET", `${dev}/versions`)).body as {
      version: number;
      changedBy: string | null;
      comment: string | null;
      state: { enabled: boolean; rules: unknown[] };
    }[];
    expect(versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(versions[2]).toMatchObject({ changedBy: "FLAGSYNC_ADMIN_TOKEN", comment: "on for all" });
    expect(versions[3]).toMatchObject({ changedBy: null, state: { enabled: false } });
    expect(versions[0]?.state.rules).toHaveLength(1);
  });

  it("restores an earlier version as a new one", async () => {
    const versions = (await server.admin("GET", `${dev}/versions`)).body;
    const two = versions.find((v: { version: number }) => v.version === 2).state;
    const restored = await server.admin("POST", `${dev}/versions/2/restore`, {
      comment: "the rollout misbehaves",
    });
    expect(restored.status).toBe(200);
    expect(restored.body.applied.version).toBe(5);
    expect(content(restored.body.applied)).toEqual(content(two));
    const audit = (await server.admin("GET", `${WS}/flags/history/audit`)).body.entries;
    expect(audit[0]).toMatchObject({
      action: "flag.state.updated",
      comment: "Restored version 2: the rollout misbehaves",
    });
    // Restoring the version with the rule brings the rule back (as a new rule).
    const four = await server.admin("POST", `${dev}/versions/4/restore`);
    expect(four.status).toBe(200);
    expect(four.body.applied.rules.map((r: { name: string }) => r.name)).toEqual(["Staff"]);
    expect((await server.admin("POST", `${dev}/versions/99/restore`)).status).toBe(404);
  });

  it("restores through a change request where approvals are required", async () => {
    const prod = `${WS}/flags/history/environments/production`;
    expect((await server.admin("PATCH", prod, { enabled: true })).status).toBe(200);
    await server.admin("PATCH", `${WS}/environments/production`, {
      approvals: { required: 1, approverRole: "editor" },
    });
    const restored = await server.admin("POST", `${prod}/versions/1/restore`, {});
    expect(restored.status).toBe(201);
    expect(restored.body.request).toMatchObject({
      status: "open",
      before: { enabled: true },
      after: { enabled: false },
      comment: "Restored version 1",
    });
    expect((await server.admin("GET", prod)).body.enabled).toBe(true);
  });
});
