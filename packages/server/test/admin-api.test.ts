import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./support/test-server.js";

describe.each(DIALECTS)("admin API on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe("authentication", () => {
    it("refuses requests without a valid admin token", async () => {
      const none = await fetch(`${server.url}/api/v1/workspaces`);
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({
        statusCode: 401,
        errorCode: "unauthorized",
        path: "/api/v1/workspaces",
      });
      const wrong = await fetch(`${server.url}/api/v1/workspaces`, {
        headers: { authorization: "Bearer fs_admin_nope" },
      });
      expect(wrong.status).toBe(401);
    });

    it("refuses an anonymous request before reading its body", async () => {
      // About 1 MB of unknown fields: validated, it would be a list of 95,000 errors.
      const fields = Array.from({ length: 95_000 }, (_, i) => `"k${i}":1`).join(",");
      const started = performance.now();
      for (const authorization of [undefined, "Bearer fs_admin_wrong-token-0123456789abcdef"]) {
        const response = await fetch(`${server.url}/api/v1/workspaces`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(authorization ? { authorization } : {}),
          },
          body: `{${fields}}`,
        });
        expect(response.status).toBe(401);
        expect(((await response.json()) as { errorCode: string }).errorCode).toBe("unauthorized");
      }
      // Not even parsed: a body that is not JSON gets 401, not 400.
      const broken = await fetch(`${server.url}/api/v1/workspaces`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{not json",
      });
      expect(broken.status).toBe(401);
      const unknownType = await fetch(`${server.url}/api/v1/workspaces`, {
        method: "POST",
        headers: { "content-type": "application/x-unknown" },
        body: "x",
      });
      expect(unknownType.status).toBe(401);
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it("answers a path no route takes before reading the body", async () => {
      for (const path of ["/api/v1/nope", "/nope", "/sdk/nope"]) {
        const response = await fetch(`${server.url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{not json",
        });
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({
          statusCode: 404,
          errorCode: "not_found",
          message: `No route POST ${path}`,
          path,
        });
      }
    });

    it("lists the first 20 problems of a body with many bad fields, and counts the rest", async () => {
      const fields = Array.from({ length: 95_000 }, (_, i) => `"k${i}":1`).join(",");
      const response = await fetch(`${server.url}/api/v1/workspaces`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
        body: `{"key":"many-fields",${fields}}`,
      });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text.length).toBeLessThan(8000);
      const body = JSON.parse(text) as {
        errorCode: string;
        message: string;
        details: { field: string; message: string }[];
      };
      expect(body.errorCode).toBe("validation_failed");
      expect(body.details).toHaveLength(21);
      expect(body.details[0]).toEqual({ field: "body.k0", message: "is not a known field" });
      expect(body.details[20]).toEqual({
        field: "body",
        message: "94980 more problems are not listed",
      });
      expect(body.message).toMatch(
        /^Invalid request: body\.k0 is not a known field; .*; and 94980 more$/,
      );
      expect(body.message.length).toBeLessThanOrEqual(2000);
    });

    it("never accepts an SDK key as an admin token", async () => {
      const response = await fetch(`${server.url}/api/v1/workspaces`, {
        headers: { authorization: `Bearer ${server.keys.development?.server}` },
      });
      expect(response.status).toBe(401);
    });
  });

  describe("first start", () => {
    it("created workspace default with development and production, a server and a client key each", async () => {
      const { body } = await server.admin("GET", "/api/v1/workspaces/default");
      expect(body.environments.map((e: { key: string }) => e.key)).toEqual([
        "development",
        "production",
      ]);
      for (const env of ["development", "production"]) {
        expect(server.keys[env]?.server).toMatch(/^fs_server_[0-9A-Za-z]{32}$/);
        expect(server.keys[env]?.client).toMatch(/^fs_client_[0-9A-Za-z]{32}$/);
      }
    });

    it("stores keys and tokens only as hashes", async () => {
      const keys = await server.database.db.selectFrom("sdk_keys").selectAll().execute();
      const tokens = await server.database.db.selectFrom("admin_tokens").selectAll().execute();
      const stored = JSON.stringify([keys, tokens]);
      expect(stored).not.toContain(server.keys.development?.server as string);
      expect(stored).not.toContain(ADMIN_TOKEN);
      expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.key_hash))).toBe(true);
    });
  });

  describe("workspaces and environments", () => {
    it("creates, renames and deletes a workspace, auditing each change", async () => {
      const created = await server.admin("POST", "/api/v1/workspaces", {
        key: "shop",
        name: "Shop",
        environments: ["staging", "live"],
      });
      expect(created.status).toBe(201);
      expect(created.body.environments.map((e: { key: string }) => e.key)).toEqual([
        "staging",
        "live",
      ]);
      expect(created.body.keys.staging.map((k: { kind: string }) => k.kind)).toEqual([
        "server",
        "client",
      ]);
      expect(created.body.keys.staging[0].secret).toMatch(/^fs_server_/);
      expect((await server.admin("POST", "/api/v1/workspaces", { key: "shop" })).status).toBe(409);
      expect(
        (await server.admin("PATCH", "/api/v1/workspaces/shop", { name: "The Shop" })).body.name,
      ).toBe("The Shop");
      const audit = await server.admin("GET", "/api/v1/workspaces/shop/audit");
      expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual([
        "workspace.renamed",
        "workspace.created",
      ]);
      expect(audit.body.entries[0]).toMatchObject({
        actor: "FLAGSYNC_ADMIN_TOKEN",
        before: { name: "Shop" },
        after: { name: "The Shop" },
      });
      expect((await server.admin("DELETE", "/api/v1/workspaces/shop")).status).toBe(204);
      expect((await server.admin("GET", "/api/v1/workspaces/shop")).status).toBe(404);
    });

    it("adds an environment where every existing flag starts off", async () => {
      await server.admin("POST", "/api/v1/workspaces/default/flags", {
        key: "env-probe",
        type: "boolean",
      });
      const created = await server.admin("POST", "/api/v1/workspaces/default/environments", {
        key: "qa",
        name: "QA",
      });
      expect(created.status).toBe(201);
      expect(created.body.keys).toHaveLength(2);
      const flag = await server.admin("GET", "/api/v1/workspaces/default/flags/env-probe");
      expect(flag.body.environments.qa).toMatchObject({
        enabled: false,
        onVariant: "on",
        offVariant: "off",
        version: 1,
      });
      expect(flag.body.environments.qa.seed).not.toBe(flag.body.environments.development.seed);
      expect(
        (await server.admin("DELETE", "/api/v1/workspaces/default/environments/qa")).status,
      ).toBe(204);
      expect((await server.admin("GET", "/api/v1/workspaces/default/environments/qa")).status).toBe(
        404,
      );
    });
  });

  describe("SDK keys", () => {
    const base = "/api/v1/workspaces/default/environments/production/sdk-keys";

    it("lists keys masked and shows a new key in full only once", async () => {
      const created = await server.admin("POST", base, { kind: "client", name: "web" });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^fs_client_/);
      const list = await server.admin("GET", base);
      const listed = list.body.find((k: { id: number }) => k.id === created.body.id);
      expect(listed).toMatchObject({ kind: "client", name: "web", active: true });
      expect(listed.secret).toBeUndefined();
      // The prefix and four characters: a hint never shortens a guess by much.
      expect(listed.hint).toBe(`fs_client_…${created.body.secret.slice(-4)}`);
      expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    });

    it("revokes a key: the SDK path refuses it at once", async () => {
      const created = await server.admin("POST", base, { kind: "server" });
      const rules = () =>
        fetch(`${server.url}/sdk/rules`, { headers: { "x-ridgeline-key": created.body.secret } });
      expect((await rules()).status).toBe(200);
      const revoked = await server.admin("DELETE", `${base}/${created.body.id}`);
      expect(revoked.body.active).toBe(false);
      const refused = await rules();
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({
        statusCode: 401,
        errorCode: "INVALID_SDK_KEY",
        message: "Invalid SDK key",
        path: "/sdk/rules",
      });
    });

    it("rotates a key: the new one works, the old one only during the grace period", async () => {
      const old = await server.admin("POST", base, { kind: "server" });
      const immediate = await server.admin("POST", `${base}/${old.body.id}/rotate`);
      expect(immediate.status).toBe(201);
      const works = async (secret: string) =>
        (await fetch(`${server.url}/sdk/rules`, { headers: { "x-ridgeline-key": secret } })).status;
      expect(await works(immediate.body.secret)).toBe(200);
      expect(await works(old.body.secret)).toBe(401);
      const graceful = await server.admin("POST", `${base}/${immediate.body.id}/rotate`, {
        graceSeconds: 3600,
      });
      expect(await works(graceful.body.secret)).toBe(200);
      expect(await works(immediate.body.secret)).toBe(200);
      expect((await server.admin("POST", `${base}/${old.body.id}/rotate`, {})).status).toBe(409);
      const audit = await server.admin("GET", "/api/v1/workspaces/default/audit?limit=3");
      expect(audit.body.entries[0].action).toBe("sdk-key.rotated");
    });
  });

  describe("flags", () => {
    const flags = "/api/v1/workspaces/default/flags";

    it("creates a typed flag, off everywhere, with variants and ids", async () => {
      const created = await server.admin("POST", flags, {
        key: "register-button-copy",
        name: "Register button copy",
        type: "string",
        variants: [
          { key: "register", value: "Register" },
          { key: "join-now", value: "Join Now" },
          { key: "sign-up", value: "Sign Up" },
        ],
        offVariant: "register",
        onVariant: "join-now",
      });
      expect(created.status).toBe(201);
      expect(
        created.body.variants.map((v: { id: number; value: string }) => [v.id, v.value]),
      ).toEqual([
        [1, "Register"],
        [2, "Join Now"],
        [3, "Sign Up"],
      ]);
      expect(created.body.environments.production).toMatchObject({
        enabled: false,
        offVariant: "register",
        onVariant: "join-now",
        rules: [],
        rollout: [],
      });
      expect(
        (await server.admin("POST", flags, { key: "register-button-copy", type: "boolean" }))
          .status,
      ).toBe(409);
    });

    it("rejects values of the wrong type and duplicate variant keys, naming each field", async () => {
      const response = await server.admin("POST", flags, {
        key: "bad-number",
        type: "number",
        variants: [
          { key: "a", value: "1" },
          { key: "a", value: 2 },
        ],
        onVariant: "zzz",
      });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual(
        expect.arrayContaining([
          { field: "body.variants[0].value", message: "must be a number" },
          { field: "body.variants[1].key", message: 'duplicate variant key "a"' },
          { field: "body.onVariant", message: 'unknown variant "zzz"' },
        ]),
      );
    });

    it("configures rules and a rollout, and reports every invalid field at once", async () => {
      const path = `${flags}/register-button-copy/environments/production`;
      const bad = await server.admin("PATCH", path, {
        enabled: true,
        rules: [
          { variant: "nope", clauses: [{ attribute: "CUSTOM", operator: "SVGT", values: ["v1"] }] },
        ],
        rollout: [
          { variant: "register", percentage: 50 },
          { variant: "sign-up", percentage: 40 },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        "body.rollout",
        "body.rules[0].clauses[0].customAttribute",
        "body.rules[0].clauses[0].values[0]",
        "body.rules[0].variant",
      ]);
      const good = await server.admin("PATCH", path, {
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
      });
      expect(good.status).toBe(200);
      expect(good.body).toMatchObject({
        enabled: true,
        version: 2,
        rules: [{ id: 1, name: "staff", variant: "sign-up" }],
      });
      // Keeping a rule's id keeps the rule; a rule without one is new.
      const again = await server.admin("PATCH", path, {
        rules: [
          { variant: "register", clauses: [] },
          { id: 1, name: "staff", variant: "sign-up", clauses: [] },
        ],
      });
      expect(again.body.rules.map((r: { id: number }) => r.id)).toEqual([2, 1]);
    });

    it("refuses a stale write with 409 when the caller names the version it read", async () => {
      const path = `${flags}/register-button-copy/environments/development`;
      const current = await server.admin("GET", path);
      expect(
        (
          await server.admin("PATCH", path, {
            enabled: true,
            expectedVersion: current.body.version,
          })
        ).status,
      ).toBe(200);
      const stale = await server.admin("PATCH", path, {
        enabled: false,
        expectedVersion: current.body.version,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.errorCode).toBe("conflict");
    });

    it("reshuffles the seed on request", async () => {
      const path = `${flags}/register-button-copy/environments/development`;
      const before = await server.admin("GET", path);
      const after = await server.admin("PATCH", path, { reshuffle: true });
      expect(after.body.seed).not.toBe(before.body.seed);
      expect(after.body.seed).toMatch(/^[0-9a-f]{24}$/);
    });

    it("changes variants but refuses to remove one still served", async () => {
      const path = `${flags}/register-button-copy`;
      const removing = await server.admin("PATCH", path, {
        variants: [{ id: 1, key: "register", value: "Register" }],
      });
      expect(removing.status).toBe(409);
      const renamed = await server.admin("PATCH", path, {
        variants: [
          { id: 1, key: "register", value: "Register now" },
          { id: 2, key: "join-now", value: "Join Now" },
          { id: 3, key: "sign-up", value: "Sign Up" },
          { key: "get-started", value: "Get started" },
        ],
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.variants.map((v: { id: number }) => v.id)).toEqual([1, 2, 3, 4]);
    });

    it("lists with search, type filter and key-ordered pages", async () => {
      for (const key of ["list-a", "list-b", "list-c"])
        await server.admin("POST", flags, { key, type: "boolean" });
      const first = await server.admin("GET", `${flags}?search=LIST-&limit=2`);
      expect(first.body.flags.map((f: { key: string }) => f.key)).toEqual(["list-a", "list-b"]);
      expect(first.body.next).toBe("list-b");
      const second = await server.admin("GET", `${flags}?search=list-&limit=2&after=list-b`);
      expect(second.body.flags.map((f: { key: string }) => f.key)).toEqual(["list-c"]);
      expect(second.body.next).toBeNull();
      const strings = await server.admin("GET", `${flags}?type=string`);
      expect(strings.body.flags.map((f: { key: string }) => f.key)).toEqual([
        "register-button-copy",
      ]);
      // LIKE wildcards in the search are literal.
      expect((await server.admin("GET", `${flags}?search=%25`)).body.flags).toEqual([]);
      for (const key of ["wild_card", "wildxcard"])
        await server.admin("POST", flags, { key, type: "boolean" });
      const literal = await server.admin("GET", `${flags}?search=d_c`);
      expect(literal.body.flags.map((f: { key: string }) => f.key)).toEqual(["wild_card"]);
    });

    it("archives, restores and deletes, with the history kept per flag", async () => {
      await server.admin("POST", flags, { key: "short-lived", type: "boolean" });
      expect((await server.admin("POST", `${flags}/short-lived/archive`)).body.archived).toBe(true);
      expect(
        (await server.admin("GET", `${flags}?archived=true`)).body.flags.map(
          (f: { key: string }) => f.key,
        ),
      ).toEqual(["short-lived"]);
      expect((await server.admin("POST", `${flags}/short-lived/restore`)).body.archived).toBe(
        false,
      );
      expect((await server.admin("DELETE", `${flags}/short-lived`)).status).toBe(204);
      expect((await server.admin("GET", `${flags}/short-lived`)).status).toBe(404);
      const history = await server.admin("GET", `${flags}/short-lived/audit`);
      expect(history.body.entries.map((e: { action: string }) => e.action)).toEqual([
        "flag.deleted",
        "flag.restored",
        "flag.archived",
        "flag.created",
      ]);
      expect(history.body.entries[0].before.key).toBe("short-lived");
      expect(history.body.entries[0].after).toBeNull();
    });

    it("audits state changes with before and after, pageable newest first", async () => {
      const history = await server.admin("GET", `${flags}/register-button-copy/audit?limit=2`);
      expect(history.body.entries).toHaveLength(2);
      const next = await server.admin(
        "GET",
        `${flags}/register-button-copy/audit?limit=50&before=${history.body.next}`,
      );
      const all = [...history.body.entries, ...next.body.entries];
      // The oldest production state change is the one that switched it on.
      const state = [...all]
        .reverse()
        .find(
          (e: { action: string; environmentKey: string }) =>
            e.action === "flag.state.updated" && e.environmentKey === "production",
        );
      expect(state.before.enabled).toBe(false);
      expect(state.after.enabled).toBe(true);
      expect(all.at(-1).action).toBe("flag.created");
    });
  });

  describe("bad input", () => {
    it("answers malformed JSON with 400 in the error shape", async () => {
      const response = await fetch(`${server.url}/api/v1/workspaces/default/flags`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: '{"key": "x",',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        statusCode: 400,
        errorCode: "bad_request",
        path: "/api/v1/workspaces/default/flags",
      });
    });

    it("names every schema violation", async () => {
      const response = await server.admin("POST", "/api/v1/workspaces/default/flags", {
        key: "no spaces",
        type: "date",
        extra: 1,
      });
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        "body.extra",
        "body.key",
        "body.type",
      ]);
    });

    it("answers an oversized body with 413", async () => {
      const response = await server.admin("POST", "/api/v1/workspaces/default/flags", {
        key: "big",
        type: "string",
        description: "x".repeat(2_000_000),
      });
      expect(response.status).toBe(413);
      expect(response.body.errorCode).toBe("payload_too_large");
    });

    it("answers unknown workspaces, environments and flags with 404", async () => {
      expect((await server.admin("GET", "/api/v1/workspaces/nope/flags")).body.errorCode).toBe(
        "workspace_not_found",
      );
      expect(
        (await server.admin("GET", "/api/v1/workspaces/default/flags/nope")).body.errorCode,
      ).toBe("flag_not_found");
      const env = await server.admin(
        "PATCH",
        "/api/v1/workspaces/default/flags/register-button-copy/environments/nope",
        { enabled: true },
      );
      expect(env.status).toBe(404);
      expect(env.body.errorCode).toBe("environment_not_found");
      expect((await server.admin("GET", "/api/v1/nowhere")).status).toBe(404);
    });
  });

  describe("operations", () => {
    it("publishes an OpenAPI document generated from the route schemas", async () => {
      const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
        openapi: string;
        paths: Record<string, Record<string, unknown>>;
      };
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          "/api/v1/workspaces/{ws}/flags",
          "/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}",
          "/api/v1/workspaces/{ws}/environments/{env}/sdk-keys/{id}/rotate",
          "/api/v1/workspaces/{ws}/audit",
        ]),
      );
      expect(JSON.stringify(doc.paths["/api/v1/workspaces/{ws}/flags"]?.post)).toContain(
        "onVariant",
      );
      expect(Object.keys(doc.paths).some((p) => p.startsWith("/sdk/"))).toBe(false);
    });

    it("reports health, readiness and Prometheus metrics", async () => {
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok" });
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: "ready" });
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toContain("flagsync_http_requests_total");
      expect(metrics).toContain("flagsync_connected_streams");
      expect(metrics).toContain("flagsync_http_request_duration_seconds_bucket");
    });
  });
});
