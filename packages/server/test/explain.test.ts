// "Why did this user get that?": the admin API evaluates a flag for a context as the SDKs do
// and shows the trail: each rule and clause, and the rollout bucket.
import { bucketFor } from "@flagsync-oss/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const DEV = "/api/v1/workspaces/default/flags/why/environments/development";

describe.each(DIALECTS)("explain on %s", (dialect) => {
  let server: TestServer;
  let seed = "";
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.admin("POST", "/api/v1/workspaces/default/flags", { key: "why", type: "boolean" });
    const state = await server.admin("PATCH", DEV, {
      enabled: true,
      rules: [
        {
          name: "Staff",
          variant: "on",
          clauses: [{ attribute: "EMAIL", operator: "EW", values: ["@acme.com"] }],
        },
      ],
      rollout: [
        { variant: "on", percentage: 30 },
        { variant: "off", percentage: 70 },
      ],
    });
    expect(state.status).toBe(200);
    seed = state.body.seed;
  });
  afterAll(() => server?.stop());

  it("names the rule and clause that matched", async () => {
    const why = await server.admin("POST", `${DEV}/explain`, {
      key: "ada",
      attributes: { email: "ada@acme.com" },
    });
    expect(why.status).toBe(200);
    expect(why.body).toMatchObject({
      value: true,
      variant: "on",
      reason: "TARGETING_MATCH",
      rollout: null,
      rules: [
        {
          name: "Staff",
          evaluated: true,
          matched: true,
          clauses: [{ attribute: "EMAIL", operator: "EW", matched: true }],
        },
      ],
    });
    expect(why.body.ruleId).toBe(why.body.rules[0].id);
  });

  it("shows the bucket and slice of a rollout when no rule matched", async () => {
    for (const key of ["user-1", "user-2", "user-3", "user-4"]) {
      const why = await server.admin("POST", `${DEV}/explain`, {
        key,
        attributes: { email: `${key}@example.com` },
      });
      expect(why.body.reason).toBe("SPLIT");
      expect(why.body.rules[0]).toMatchObject({ matched: false, clauses: [{ matched: false }] });
      const bucket = bucketFor(key, seed);
      expect(why.body.rollout.bucket).toBe(bucket);
      expect(why.body.variant).toBe(bucket < 30 ? "on" : "off");
      expect(why.body.rollout.slices.filter((s: { chosen: boolean }) => s.chosen)).toEqual([
        {
          variant: why.body.variant,
          from: bucket < 30 ? 0 : 30,
          to: bucket < 30 ? 30 : 100,
          chosen: true,
        },
      ]);
    }
  });

  it("explains for a user seen in impressions, with the attributes last sent", async () => {
    const impress = (email: string) =>
      fetch(`${server.url}/track/impressions/server`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-ridgeline-key": server.keys.development?.server as string,
        },
        body: JSON.stringify({
          impressions: [
            {
              flagKey: "why",
              flagValue: true,
              context: { key: "seen-user", attributes: { email, plan: "pro" } },
              timestamp: new Date().toISOString(),
            },
          ],
        }),
      });
    expect((await impress("old@example.com")).status).toBe(200);
    expect((await impress("grace@acme.com")).status).toBe(200);
    const seen = await server.admin(
      "GET",
      "/api/v1/workspaces/default/environments/development/users/seen-user/last-context",
    );
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      context: { key: "seen-user", attributes: { email: "grace@acme.com", plan: "pro" } },
      flag: "why",
    });
    const why = await server.admin("POST", `${DEV}/explain`, seen.body.context);
    expect(why.body).toMatchObject({ reason: "TARGETING_MATCH", variant: "on" });
    // Never seen here (nor in another environment's data): a clear 404.
    const unknown = await server.admin(
      "GET",
      "/api/v1/workspaces/default/environments/production/users/seen-user/last-context",
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('No impression of user "seen-user"');
  });
});
