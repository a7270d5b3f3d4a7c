import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const WS = "/api/v1/workspaces/default";

describe.each(DIALECTS)("production environments and flag-state changes on %s", (dialect) => {
  let server: TestServer;
  const state = (env: string) => `${WS}/flags/checkout/environments/${env}`;
  const audit = async () =>
    (await server.admin("GET", `${WS}/flags/checkout/audit`)).body.entries as {
      action: string;
      environmentKey: string | null;
      comment: string | null;
    }[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const created = await server.admin("POST", `${WS}/flags`, { key: "checkout", type: "boolean" });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("marks the first-start production environment, not development", async () => {
    const { body } = await server.admin("GET", `${WS}/environments`);
    expect(body.map((e: { key: string; production: boolean }) => [e.key, e.production])).toEqual([
      ["development", false],
      ["production", true],
    ]);
  });

  it("sets the marker on create and update, audited", async () => {
    const created = await server.admin("POST", `${WS}/environments`, {
      key: "live-eu",
      production: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.production).toBe(true);
    const plain = await server.admin("POST", `${WS}/environments`, { key: "staging" });
    expect(plain.body.production).toBe(false);

    const updated = await server.admin("PATCH", `${WS}/environments/staging`, {
      production: true,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ key: "staging", name: "staging", production: true });
    expect((await server.admin("GET", `${WS}/environments/staging`)).body.production).toBe(true);
    const renamed = await server.admin("PATCH", `${WS}/environments/staging`, { name: "Staging" });
    expect(renamed.body).toMatchObject({ name: "Staging", production: true });

    const empty = await server.admin("PATCH", `${WS}/environments/staging`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.errorCode).toBe("validation_failed");
    const wrong = await server.admin("PATCH", `${WS}/environments/staging`, { production: "yes" });
    expect(wrong.status).toBe(400);

    const log = (await server.admin("GET", `${WS}/audit?limit=10`)).body.entries;
    expect(log[1]).toMatchObject({
      action: "environment.updated",
      resourceKey: "staging",
      before: { name: "staging", production: false },
      after: { name: "staging", production: true },
    });
  });

  it("keeps the comment of a flag-state change with its audit entry", async () => {
    const changed = await server.admin("PATCH", state("production"), {
      enabled: true,
      comment: "  Launch to everyone after the EU sign-off  ",
    });
    expect(changed.status).toBe(200);
    const [entry] = await audit();
    expect(entry).toMatchObject({
      action: "flag.state.updated",
      environmentKey: "production",
      comment: "Launch to everyone after the EU sign-off",
    });
    // Without a comment (or a blank one) there is none.
    await server.admin("PATCH", state("development"), { enabled: true, comment: " " });
    expect((await audit())[0]?.comment).toBeNull();
    const tooLong = await server.admin("PATCH", state("development"), {
      enabled: false,
      comment: "x".repeat(1001),
    });
    expect(tooLong.status).toBe(400);
  });

  it("saves unchanged flag details without an audit entry or a push", async () => {
    const flag = (await server.admin("GET", `${WS}/flags/checkout`)).body;
    const entries = (await audit()).length;
    const same = await server.admin("PATCH", `${WS}/flags/checkout`, {
      name: flag.name,
      description: flag.description,
      tags: flag.tags,
      variants: flag.variants,
    });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(same.body).toEqual(flag);
    expect((await audit()).length).toBe(entries);
    const renamed = await server.admin("PATCH", `${WS}/flags/checkout`, { name: "Checkout" });
    expect(renamed.body.name).toBe("Checkout");
    expect((await audit())[0]?.action).toBe("flag.updated");
    expect((await audit()).length).toBe(entries + 1);
  });

  it("saves an unchanged state without a new version or audit entry", async () => {
    const before = (await server.admin("GET", `${WS}/flags/checkout`)).body.environments.production;
    const entries = (await audit()).length;
    const same = await server.admin("PATCH", state("production"), {
      expectedVersion: before.version,
      enabled: before.enabled,
      onVariant: before.onVariant,
      offVariant: before.offVariant,
      rules: before.rules,
      rollout: before.rollout,
      comment: "Nothing to change",
    });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(before);
    expect((await audit()).length).toBe(entries);

    // With a rule, saved twice the same way (ids kept): one entry.
    const rule = {
      name: "Staff",
      variant: before.onVariant,
      clauses: [{ attribute: "EMAIL", operator: "EW", values: ["@example.com"] }],
    };
    const first = await server.admin("PATCH", state("production"), { rules: [rule] });
    expect(first.body.version).toBe(before.version + 1);
    const again = await server.admin("PATCH", state("production"), {
      expectedVersion: first.body.version,
      rules: first.body.rules,
      rollout: [],
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await audit()).length).toBe(entries + 1);

    // An empty change is no change either, and a stale version is still refused.
    expect((await server.admin("PATCH", state("production"), {})).body).toEqual(first.body);
    const stale = await server.admin("PATCH", state("production"), {
      expectedVersion: before.version,
      enabled: true,
    });
    expect(stale.status).toBe(409);
    expect((await audit()).length).toBe(entries + 1);
  });
});
