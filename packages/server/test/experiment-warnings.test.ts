// An experiment warns, when it is created and started, about what the flag's state in its
// environment does to it: a compared variant the rollout never assigns, a flag that is off,
// an expected split other than the rollout's. On both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const WS = "/api/v1/workspaces/default";

describe.each(DIALECTS)("experiment warnings on %s", (dialect) => {
  let server: TestServer;
  const codes = (body: { warnings?: { code: string }[] }) =>
    (body.warnings ?? []).map((w) => w.code);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    expect(
      (
        await server.admin("POST", `${WS}/flags`, {
          key: "copy",
          type: "string",
          variants: [
            { key: "register", value: "Register" },
            { key: "join-now", value: "Join Now" },
            { key: "sign-up", value: "Sign Up" },
          ],
          offVariant: "register",
          onVariant: "register",
        })
      ).status,
    ).toBe(201);
    // Staff get "Sign Up" by a rule; everyone else is split 50/50 over the other two.
    expect(
      (
        await server.admin("PATCH", `${WS}/flags/copy/environments/development`, {
          enabled: true,
          rules: [
            {
              name: "staff",
              variant: "sign-up",
              clauses: [{ attribute: "EMAIL", operator: "EW", values: ["@corp.com"] }],
            },
          ],
          rollout: [
            { variant: "register", percentage: 50 },
            { variant: "join-now", percentage: 50 },
          ],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await server.admin("POST", `${WS}/metrics`, {
          key: "buy",
          kind: "conversion",
          eventKey: "buy",
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const create = (key: string, extra: Record<string, unknown>) =>
    server.admin("POST", `${WS}/experiments`, {
      key,
      flag: "copy",
      environment: "development",
      baseline: "register",
      primaryMetric: "buy",
      ...extra,
    });

  it("warns that a variant only a rule serves gets no randomised users", async () => {
    const created = await create("all-three", {});
    expect(created.status).toBe(201);
    expect(codes(created.body)).toEqual(["variant_not_randomised"]);
    expect(created.body.warnings[0].message).toContain('Variant "sign-up"');
    expect(created.body.warnings[0].message).toContain("only a targeting rule serves it");
    const started = await server.admin("POST", `${WS}/experiments/all-three/start`, {});
    expect(codes(started.body)).toEqual(["variant_not_randomised"]);
  });

  it("has nothing to say about the variants the rollout splits, and takes its split", async () => {
    const created = await create("two", { variants: ["join-now"] });
    expect(codes(created.body)).toEqual([]);
    const started = await server.admin("POST", `${WS}/experiments/two/start`, {});
    expect(codes(started.body)).toEqual([]);
    expect(started.body.traffic).toEqual({ register: 50, "join-now": 50 });
    expect(codes((await server.admin("GET", `${WS}/experiments/two`)).body)).toEqual([]);
  });

  it("warns when the expected split differs from the rollout's", async () => {
    const created = await create("uneven", {
      variants: ["join-now"],
      traffic: { register: 1, "join-now": 2 },
    });
    expect(codes(created.body)).toEqual(["split_differs"]);
    expect(created.body.warnings[0].message).toContain("register 33.3%, join-now 66.7%");
  });

  it("warns when the flag is off in the environment", async () => {
    const created = await server.admin("POST", `${WS}/experiments`, {
      key: "in-production",
      flag: "copy",
      environment: "production",
      baseline: "register",
      variants: ["join-now"],
      primaryMetric: "buy",
    });
    // Off, and without a rollout everyone would get the on variant (register): join-now never.
    expect(codes(created.body)).toEqual(["flag_off", "variant_not_randomised"]);
    expect(created.body.warnings[1].message).toContain('Variant "join-now"');
  });
});
