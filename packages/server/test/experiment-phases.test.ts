// What may change while an experiment runs, on both databases through the HTTP API: the flag's
// rollout, seed and rules in the experiment's environment only with an explicit request, which
// starts a new phase (results per phase, SRM against that phase's split); a restart of the
// analysis; and a settable end of the window that leaves out what happens at or after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const WS = "/api/v1/workspaces/default";
const MINUTE = 60_000;

describe.each(DIALECTS)("experiment phases and windows on %s", (dialect) => {
  let server: TestServer;
  const experiment = `${WS}/experiments/copy-test`;
  const state = (env: string) => `${WS}/flags/copy/environments/${env}`;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-ridgeline-key": server.keys.development?.server ?? "",
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { rejected?: unknown[] };
    expect(answer.rejected ?? []).toEqual([]);
  };
  const impressions = (users: { user: string; value: string; at: number }[]) =>
    post("/track/impressions/server", {
      impressions: users.map((u) => ({
        flagKey: "copy",
        flagValue: u.value,
        context: { key: u.user },
        timestamp: new Date(u.at).toISOString(),
      })),
    });
  const conversions = (users: { user: string; at: number }[]) =>
    post("/track/events/server", {
      events: users.map((u) => ({
        eventKey: "signup",
        context: { key: u.user },
        timestamp: new Date(u.at).toISOString(),
      })),
    });
  const results = async (phase?: number) => {
    const answer = await server.admin(
      "POST",
      `${experiment}/results${phase ? `?phase=${phase}` : ""}`,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  let started: number;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const flag = await server.admin("POST", `${WS}/flags`, {
      key: "copy",
      type: "string",
      variants: [
        { key: "a", value: "Alpha" },
        { key: "b", value: "Beta" },
      ],
    });
    expect(flag.status).toBe(201);
    for (const env of ["development", "production"])
      expect(
        (
          await server.admin("PATCH", state(env), {
            enabled: true,
            rollout: [
              { variant: "a", percentage: 50 },
              { variant: "b", percentage: 50 },
            ],
          })
        ).status,
      ).toBe(200);
    await server.admin("POST", `${WS}/metrics`, {
      key: "signups",
      kind: "conversion",
      eventKey: "signup",
    });
    const created = await server.admin("POST", `${WS}/experiments`, {
      key: "copy-test",
      flag: "copy",
      environment: "development",
      baseline: "a",
      primaryMetric: "signups",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    started = Date.now() - 60 * MINUTE;
    const start = await server.admin("POST", `${experiment}/start`, {
      startedAt: new Date(started).toISOString(),
    });
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    expect(start.body.phases).toEqual([
      {
        number: 1,
        startedAt: new Date(started).toISOString(),
        endedAt: null,
        traffic: { a: 50, b: 50 },
        reason: "Started",
      },
    ]);
    // Phase 1: 100 users at 50/50, 30 minutes in; a third of each converts.
    const phase1 = Array.from({ length: 100 }, (_, i) => ({
      user: `p1-${i}`,
      value: i % 2 === 0 ? "Alpha" : "Beta",
      at: started + 30 * MINUTE,
    }));
    await impressions(phase1);
    await conversions(
      phase1.filter((_, i) => i % 3 === 0).map((u) => ({ ...u, at: u.at + MINUTE })),
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a change of weights, seed or rules while the experiment runs, naming it", async () => {
    const before = (await server.admin("GET", `${WS}/flags/copy`)).body.environments.development;
    for (const change of [
      {
        rollout: [
          { variant: "a", percentage: 20 },
          { variant: "b", percentage: 80 },
        ],
      },
      { reshuffle: true },
      {
        rules: [
          { variant: "b", clauses: [{ attribute: "KEY", operator: "IOO", values: ["vip"] }] },
        ],
      },
    ]) {
      const refused = await server.admin("PATCH", state("development"), change);
      expect(refused.status, JSON.stringify(change)).toBe(409);
      expect(refused.body.message).toMatch(
        /experiment "copy-test" running there: send newExperimentPhase: true/,
      );
      expect(refused.body.details).toEqual([
        { field: "body.newExperimentPhase", message: 'required: experiment "copy-test" runs' },
      ]);
    }
    expect(
      (await server.admin("GET", `${WS}/flags/copy`)).body.environments.development.version,
    ).toBe(before.version);
    // Elsewhere, and other fields, are not restricted.
    expect((await server.admin("PATCH", state("production"), { reshuffle: true })).status).toBe(
      200,
    );
    expect(
      (await server.admin("PATCH", `${WS}/flags/copy`, { description: "copy test" })).status,
    ).toBe(200);
    expect((await server.admin("GET", experiment)).body.phases).toHaveLength(1);
  });

  it("with newExperimentPhase starts phase 2, whose SRM uses the new weights", async () => {
    const changed = await server.admin("PATCH", state("development"), {
      rollout: [
        { variant: "a", percentage: 20 },
        { variant: "b", percentage: 80 },
      ],
      newExperimentPhase: true,
      comment: "more traffic to b",
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const view = (await server.admin("GET", experiment)).body;
    expect(
      view.phases.map((p: { number: number; traffic: unknown; reason: string }) => [
        p.number,
        p.traffic,
        p.reason,
      ]),
    ).toEqual([
      [1, { a: 50, b: 50 }, "Started"],
      [2, { a: 20, b: 80 }, "Flag rollout changed: more traffic to b"],
    ]);
    expect(view.phases[0].endedAt).toBe(view.phases[1].startedAt);
    const log = (await server.admin("GET", `${WS}/audit?limit=5`)).body.entries as {
      action: string;
      resourceKey: string;
    }[];
    expect(
      log
        .slice(0, 2)
        .map((e) => e.action)
        .sort(),
    ).toEqual(["experiment.phase.started", "flag.state.updated"]);

    // Phase 2: 200 users at 20/80 — an SRM against phase 1's 50/50, none against its own.
    const phase2Start = Date.parse(view.phases[1].startedAt);
    const phase2 = Array.from({ length: 200 }, (_, i) => ({
      user: `p2-${i}`,
      value: i % 5 === 0 ? "Alpha" : "Beta",
      at: phase2Start + 1,
    }));
    await impressions(phase2);
    // The window ends now: let now pass the impressions' time.
    while (Date.now() <= phase2Start + 1) await new Promise((resolve) => setTimeout(resolve, 2));
    const current = await results();
    expect(current.phase).toBe(2);
    expect(current.result.exposures.analysed).toEqual({ a: 40, b: 160 });
    expect(current.result.srm.expected).toEqual({ a: 0.2, b: 0.8 });
    expect(current.result.srm.observed).toEqual({ a: 40, b: 160 });
    expect(current.result.srm.mismatch).toBe(false);
    // Phase 1 on request: its own users and split, up to where phase 2 began.
    const first = await results(1);
    expect(first.phase).toBe(1);
    expect(first.result.window).toMatchObject({ end: view.phases[1].startedAt });
    expect(first.result.exposures.analysed).toEqual({ a: 50, b: 50 });
    expect(first.result.srm.expected).toEqual({ a: 0.5, b: 0.5 });
    const signups = first.result.metrics[0].variants.map(
      (v: { users: number; converters?: number; mean: number }) => v.mean * v.users,
    );
    expect(signups.map(Math.round)).toEqual([17, 17]);
    expect((await server.admin("POST", `${experiment}/results?phase=3`)).status).toBe(404);
    // GET answers the kept snapshot of the phase asked for.
    expect((await server.admin("GET", `${experiment}/results?phase=1`)).body.computedAt).toBe(
      first.computedAt,
    );
  });

  it("restarts the analysis from a time as a new phase, without a flag change", async () => {
    const view = (await server.admin("GET", experiment)).body;
    const tooEarly = await server.admin("POST", `${experiment}/phases`, {
      startedAt: view.phases[1].startedAt,
    });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.details[0].field).toBe("body.startedAt");
    const restarted = await server.admin("POST", `${experiment}/phases`, { reason: "bug fixed" });
    expect(restarted.status, JSON.stringify(restarted.body)).toBe(200);
    expect(restarted.body.phases.at(-1)).toMatchObject({
      number: 3,
      traffic: { a: 20, b: 80 },
      reason: "bug fixed",
      endedAt: null,
    });
    const fresh = await results();
    expect(fresh.phase).toBe(3);
    expect(fresh.result.exposures.total).toBe(0);
  });

  it("ends the window where set: impressions and events at or after the end are left out", async () => {
    // In phase 1 (30 minutes in: 100 users, 17 + 17 converted), ten minutes later.
    const end = started + 40 * MINUTE;
    await impressions([{ user: "late", value: "Beta", at: end }]);
    await conversions([
      { user: "p1-1", at: end - 1 },
      { user: "p1-5", at: end },
    ]);
    const bad = await server.admin("PUT", `${experiment}/window`, {
      end: new Date(started - MINUTE).toISOString(),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe("body.end");
    const set = await server.admin("PUT", `${experiment}/window`, {
      end: new Date(end).toISOString(),
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.analysisEnd).toBe(new Date(end).toISOString());
    const log = (await server.admin("GET", `${WS}/audit?limit=1`)).body.entries;
    expect(log[0]).toMatchObject({
      action: "experiment.window.updated",
      after: { analysisEnd: new Date(end).toISOString() },
    });
    // The kept snapshot of phase 1 ended later: it is computed anew.
    const windowed = (await server.admin("GET", `${experiment}/results?phase=1`)).body;
    expect(windowed.result.window).toEqual({
      start: new Date(started).toISOString(),
      end: new Date(end).toISOString(),
    });
    expect(windowed.result.exposures.analysed).toEqual({ a: 50, b: 50 });
    const converted = (r: {
      result: { metrics: { variants: { mean: number; users: number }[] }[] };
    }) => r.result.metrics[0]?.variants.map((v) => Math.round(v.mean * v.users));
    expect(converted(windowed)).toEqual([17, 18]);
    // The current phase began after the end: nothing in it.
    expect((await results()).result.exposures.total).toBe(0);
    // Cleared, phase 1 ends where phase 2 began again: the late user and conversion count.
    const reopened = await server.admin("PUT", `${experiment}/window`, { end: null });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body.analysisEnd).toBeNull();
    const cleared = await results(1);
    expect(cleared.result.exposures.analysed).toEqual({ a: 50, b: 51 });
    expect(converted(cleared)).toEqual([17, 19]);
  });
});
