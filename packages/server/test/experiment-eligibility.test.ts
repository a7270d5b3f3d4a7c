// Who counts in an experiment, with the official node SDK against the real server on both
// databases: users a targeting rule served and users served while the flag was off are left
// out and reported; a control/treatment flag whose control value is "control" is analysed; an
// SDK that served its fallback before it was ready shows as an assignment mismatch (and its
// user, who then saw treatment, as a multiple exposure); the flag under test cannot be
// archived or deleted.
import type * as NodeSdk from "@flagsync/node-sdk";
import { type EvaluationContext, evaluate, type Flag } from "@flagsync-oss/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { freshSdk } from "./support/fresh-sdk.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

type NodeClient = ReturnType<ReturnType<typeof NodeSdk.FlagSyncFactory>["client"]>;
type User = Parameters<NodeClient["flag"]>[0];

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const WS = "/api/v1/workspaces/default";
const FLAG = `${WS}/flags/checkout`;
const STATE = `${FLAG}/environments/development`;
const EXPERIMENT = `${WS}/experiments/checkout-test`;

describe.each(DIALECTS)("experiment eligibility with the official node SDK on %s", (dialect) => {
  let server: TestServer;
  let model: Flag;
  const clients: NodeClient[] = [];
  const sdk = (): NodeClient => {
    const client = freshSdk<typeof NodeSdk>("@flagsync/node-sdk")
      .FlagSyncFactory({
        sdkKey: server.keys.development?.server as string,
        urls: { sdk: server.url },
        sync: { type: "stream" },
        tracking: {
          impressions: { maxQueueSize: 100_000, pushRate: 3600 },
          events: { maxQueueSize: 100_000, pushRate: 3600 },
        },
        logLevel: "NONE",
      })
      .client();
    clients.push(client);
    return client;
  };
  const regular = Array.from({ length: 200 }, (_, i) => ({ key: `user-${i}` }));
  const staff = Array.from({ length: 10 }, (_, i) => ({
    key: `staff-${i}`,
    attributes: { email: `s${i}@staff.example` },
  }));
  const offPeriod = Array.from({ length: 20 }, (_, i) => ({ key: `late-night-${i}` }));
  const served = (client: NodeClient, user: EvaluationContext) =>
    client.flag(user as User, "checkout") as unknown;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const flag = await server.admin("POST", `${WS}/flags`, {
      key: "checkout",
      type: "string",
      variants: [
        { key: "control", value: "control" },
        { key: "treatment", value: "treatment" },
      ],
      onVariant: "control",
      offVariant: "control",
    });
    expect(flag.status).toBe(201);
    expect(flag.body.warnings).toHaveLength(1);
    const state = await server.admin("PATCH", STATE, {
      enabled: true,
      rules: [
        {
          name: "Staff",
          variant: "treatment",
          clauses: [{ attribute: "EMAIL", operator: "EW", values: ["@staff.example"] }],
        },
      ],
      rollout: [
        { variant: "control", percentage: 50 },
        { variant: "treatment", percentage: 50 },
      ],
    });
    expect(state.status).toBe(200);
    const stored = (await server.admin("GET", FLAG)).body;
    const id = (key: string) => stored.variants.find((v: { key: string }) => v.key === key).id;
    model = {
      key: "checkout",
      type: "string",
      variants: stored.variants,
      state: {
        enabled: true,
        offVariantId: id("control"),
        onVariantId: id("control"),
        seed: stored.environments.development.seed,
        rules: [
          {
            id: 1,
            name: "Staff",
            variantId: id("treatment"),
            clauses: [{ attribute: "EMAIL", operator: "EW", values: ["@staff.example"] }],
          },
        ],
        rollout: [
          { variantId: id("control"), percentage: 50 },
          { variantId: id("treatment"), percentage: 50 },
        ],
      },
    };
    await server.admin("POST", `${WS}/metrics`, {
      key: "purchases",
      kind: "conversion",
      eventKey: "purchase",
    });
    const created = await server.admin("POST", `${WS}/experiments`, {
      key: "checkout-test",
      flag: "checkout",
      environment: "development",
      baseline: "control",
      primaryMetric: "purchases",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await server.admin("POST", `${EXPERIMENT}/start`, {})).status).toBe(200);
  });
  afterAll(async () => {
    for (const client of clients) await client.destroy();
    await server?.stop();
  });

  it("leaves out rule-served and off-period users, reports them, and analyses the rest", async () => {
    const client = sdk();
    await client.waitForReadyCanThrow();
    // A client that is not ready yet serves its fallback "control" to users bucketed in
    // treatment, who then see treatment once it is. node-sdk 0.1.1 records no impression of
    // its fallback, so the impression an SDK that does would send is posted as it would be.
    const bucketedTreatment = regular
      .filter((u) => evaluate(model, u).variantKey === "treatment")
      .slice(0, 5);
    const early = sdk();
    const fallbacks = bucketedTreatment.map((u) => served(early, u));
    expect(fallbacks).toEqual(Array(5).fill("control"));
    await early.destroy();
    const posted = await fetch(`${server.url}/track/impressions/server`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-ridgeline-key": server.keys.development?.server as string,
      },
      body: JSON.stringify({
        impressions: bucketedTreatment.map((u) => ({
          flagKey: "checkout",
          flagValue: "control",
          context: u,
          timestamp: new Date().toISOString(),
        })),
      }),
    });
    expect(posted.status).toBe(200);
    // Our own endpoint reports a reason: used as sent (a rule), and counted as disagreeing
    // with the derived one (the rollout).
    const own = { key: "own-sdk-user" };
    const ownPosted = await fetch(`${server.url}/v1/track/impressions/server`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-ridgeline-key": server.keys.development?.server as string,
      },
      body: JSON.stringify({
        impressions: [
          {
            flagKey: "checkout",
            context: own,
            variantId: evaluate(model, own).variantId,
            reason: "TARGETING_MATCH",
          },
        ],
      }),
    });
    expect(ownPosted.status).toBe(200);
    expect(evaluate(model, own).reason).toBe("SPLIT");
    // Analysed now, the analysis keeps what it read; the final one reads only what came since,
    // and must class it as a fresh read would.
    const midway = await server.admin("POST", `${EXPERIMENT}/results`);
    expect(midway.body.result.exposures.total).toBe(6);

    for (const user of [...regular, ...staff]) served(client, user);
    for (const user of [...regular, ...staff]) {
      const bucket = evaluate(model, user).value;
      if (user.key.endsWith("0") || user.key.endsWith("5")) client.track(user as User, "purchase");
      expect(served(client, user)).toBe(bucket);
    }
    // Off for a while: users seen then were not randomised. (The SDK's update event tells
    // when it has the change, so no probe impression is recorded.)
    let updates = 0;
    client.on("state::update", () => updates++);
    // A staff member seen then too was served twice, never by the rollout: not randomised
    // (under the rule), not a multiple exposure.
    for (const [enabled, users] of [
      [false, [...offPeriod, staff[0] as EvaluationContext]],
      [true, []],
    ] as const) {
      const before = updates;
      expect((await server.admin("PATCH", STATE, { enabled })).status).toBe(200);
      await until(() => updates > before, 3000, `the SDK to see enabled: ${enabled}`);
      for (const user of users) served(client, user);
    }
    await client.destroy();

    const { result } = (await server.admin("POST", `${EXPERIMENT}/results`)).body;
    const split = regular.filter((u) => !bucketedTreatment.includes(u));
    const expected = {
      control: split.filter((u) => evaluate(model, u).variantKey === "control").length,
      treatment: split.filter((u) => evaluate(model, u).variantKey === "treatment").length,
    };
    expect(result.exposures.analysed).toEqual(expected);
    expect(result.exposures.multipleVariants).toBe(5);
    const ownIsTreatment = evaluate(model, own).variantKey === "treatment";
    expect(result.exposures.notRandomised).toEqual(
      ownIsTreatment
        ? [
            { variant: "control", reason: "off", users: 20 },
            { variant: "treatment", reason: "rule", users: 11 },
          ]
        : [
            { variant: "control", reason: "off", users: 20 },
            { variant: "treatment", reason: "rule", users: 10 },
            { variant: "control", reason: "rule", users: 1 },
          ],
    );
    expect(result.exposures.total).toBe(200 + 10 + 20 + 1);
    expect(result.assignment.mismatchedUsers).toEqual({ server: 5 });
    expect(result.assignment.rate).toBeCloseTo(5 / 231, 10);
    expect(result.assignment.reasonDisagreements).toEqual({ server: 1 });
    expect(result.assignment.warning).toMatch(/2\.2 % of exposed users were served another/);
    expect(result.assignment.warning).toMatch(
      /1 user's impressions carry another reason than the server derives \(1 by server SDKs\)/,
    );
    // The baseline (value "control") has its users and the comparison its statistics.
    const purchases = result.metrics[0];
    expect(purchases.variants[0].users).toBe(expected.control);
    expect(purchases.variants[1].users).toBe(expected.treatment);
    expect(purchases.variants[1].comparison.pValue).toBeGreaterThan(0);
    expect(result.srm.mismatch).toBe(false);
  });

  it("refuses to archive or delete the flag under test, naming the experiment", async () => {
    for (const [method, path] of [
      ["POST", `${FLAG}/archive`],
      ["DELETE", FLAG],
    ] as const) {
      const refused = await server.admin(method, path);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/experiment "checkout-test" runs on it/);
    }
  });
});
