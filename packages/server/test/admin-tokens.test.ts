import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS } from "./support/databases.js";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./support/test-server.js";

interface Token {
  id: number;
  name: string;
  hint: string;
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
  secret?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: tests assert responses field by field
type Answer = { status: number; body: any };

async function call(
  server: TestServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const auditOf = async (server: TestServer, token: string) =>
  (await call(server, token, "GET", "/api/v1/workspaces/default/audit")).body.entries.filter(
    (e: { resourceType: string }) => e.resourceType === "admin_token",
  );

describe.each(DIALECTS)("admin tokens on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists tokens by hint (prefix and four characters), never the secret", async () => {
    const list = await server.admin("GET", "/api/v1/admin-tokens");
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      {
        id: expect.any(Number),
        name: "FLAGSYNC_ADMIN_TOKEN",
        hint: `fs_admin_…${ADMIN_TOKEN.slice(-4)}`,
        createdAt: expect.any(String),
        revokedAt: null,
        active: true,
        kind: "instance",
        workspace: null,
        role: null,
        scope: "admin",
        expiresAt: null,
        lastUsedAt: expect.any(String),
      },
    ]);
    const stored = await server.database.db
      .selectFrom("admin_tokens")
      .select("token_hint")
      .execute();
    expect(stored.map((r) => r.token_hint)).toEqual([`fs_admin_…${ADMIN_TOKEN.slice(-4)}`]);
  });

  it("creates a token, shows its secret once, and audits it", async () => {
    const created = await server.admin("POST", "/api/v1/admin-tokens", { name: "ci" });
    expect(created.status).toBe(201);
    const token = created.body as Token;
    expect(token).toMatchObject({ name: "ci", active: true, revokedAt: null });
    expect(token.secret).toMatch(/^fs_admin_[0-9A-Za-z]{32}$/);
    expect(token.hint).toBe(`fs_admin_…${token.secret?.slice(-4)}`);
    expect((await call(server, token.secret as string, "GET", "/api/v1/workspaces")).status).toBe(
      200,
    );
    const list = await server.admin("GET", "/api/v1/admin-tokens");
    expect(list.body.map((t: Token) => t.name)).toEqual(["FLAGSYNC_ADMIN_TOKEN", "ci"]);
    expect(JSON.stringify(list.body)).not.toContain(token.secret);
    const [entry] = await auditOf(server, ADMIN_TOKEN);
    expect(entry).toMatchObject({
      actor: "FLAGSYNC_ADMIN_TOKEN",
      action: "admin_token.created",
      resourceKey: String(token.id),
      before: null,
      after: { id: token.id, name: "ci", hint: token.hint, revokedAt: null },
    });
    expect(JSON.stringify(entry)).not.toContain(token.secret);
  });

  it("refuses a bad or reserved name", async () => {
    expect((await server.admin("POST", "/api/v1/admin-tokens", { name: "" })).status).toBe(400);
    expect((await server.admin("POST", "/api/v1/admin-tokens", {})).status).toBe(400);
    const reserved = await server.admin("POST", "/api/v1/admin-tokens", {
      name: "FLAGSYNC_ADMIN_TOKEN",
    });
    expect(reserved.status).toBe(400);
    expect(reserved.body.details).toEqual([
      { field: "body.name", message: "is reserved for the token set by FLAGSYNC_ADMIN_TOKEN" },
    ]);
  });

  it("revokes a token at once, audited; never the last working one", async () => {
    const { body: other } = await server.admin("POST", "/api/v1/admin-tokens", { name: "other" });
    const secret = other.secret as string;
    expect((await server.admin("DELETE", `/api/v1/admin-tokens/${other.id}`)).status).toBe(204);
    expect((await call(server, secret, "GET", "/api/v1/workspaces")).status).toBe(401);
    expect((await server.admin("DELETE", `/api/v1/admin-tokens/${other.id}`)).status).toBe(204);
    expect((await server.admin("DELETE", "/api/v1/admin-tokens/999999")).status).toBe(404);
    const listed = (await server.admin("GET", "/api/v1/admin-tokens")).body.find(
      (t: Token) => t.id === other.id,
    );
    expect(listed).toMatchObject({ active: false, revokedAt: expect.any(String) });
    const revoked = (await auditOf(server, ADMIN_TOKEN)).filter(
      (e: { action: string }) => e.action === "admin_token.revoked",
    );
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({
      actor: "FLAGSYNC_ADMIN_TOKEN",
      resourceKey: String(other.id),
      before: { revokedAt: null },
      after: { revokedAt: expect.any(String) },
    });

    // Revoke every token but one with that one; then it cannot revoke itself.
    const { body: last } = await server.admin("POST", "/api/v1/admin-tokens", { name: "last" });
    const tokens = (await server.admin("GET", "/api/v1/admin-tokens")).body as Token[];
    for (const token of tokens.filter((t) => t.active && t.id !== last.id))
      expect(
        (await call(server, last.secret, "DELETE", `/api/v1/admin-tokens/${token.id}`)).status,
      ).toBe(204);
    expect((await call(server, ADMIN_TOKEN, "GET", "/api/v1/workspaces")).status).toBe(401);
    const refused = await call(server, last.secret, "DELETE", `/api/v1/admin-tokens/${last.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.errorCode).toBe("conflict");
    expect((await call(server, last.secret, "GET", "/api/v1/workspaces")).status).toBe(200);

    // Two working tokens revoking each other at once: one of them stays.
    const { body: pair } = await call(server, last.secret, "POST", "/api/v1/admin-tokens", {
      name: "pair",
    });
    const statuses = await Promise.all([
      call(server, last.secret, "DELETE", `/api/v1/admin-tokens/${pair.id}`),
      call(server, pair.secret, "DELETE", `/api/v1/admin-tokens/${last.id}`),
    ]);
    // The other is refused: 409 (last working token), or 401 when its own token went first.
    const [first, second] = statuses.map((s) => s.status).sort();
    expect(first).toBe(204);
    expect([401, 409]).toContain(second);
    const working = (await server.database.db
      .selectFrom("admin_tokens")
      .select("id")
      .where("revoked_at", "is", null)
      .execute()) as { id: number }[];
    expect(working).toHaveLength(1);
  });
});

describe.each(DIALECTS)("FLAGSYNC_ADMIN_TOKEN on %s", (dialect) => {
  it("a new value replaces the token of the previous one at the next start", async () => {
    const testDatabase = await createTestDatabase(dialect);
    const second = "fs_admin_second-token-abcdefghijklmnopqrstuvwxyz";
    try {
      const first = await startTestServer(dialect, { testDatabase });
      const { body: kept } = await first.admin("POST", "/api/v1/admin-tokens", { name: "kept" });
      await first.stop();

      const restarted = await startTestServer(dialect, {
        testDatabase,
        config: { adminToken: second },
      });
      try {
        expect((await call(restarted, ADMIN_TOKEN, "GET", "/api/v1/workspaces")).status).toBe(401);
        expect((await call(restarted, second, "GET", "/api/v1/workspaces")).status).toBe(200);
        // Tokens created through the API stay.
        expect((await call(restarted, kept.secret, "GET", "/api/v1/workspaces")).status).toBe(200);
        const list = (await call(restarted, second, "GET", "/api/v1/admin-tokens")).body as Token[];
        expect(list.map((t) => [t.name, t.hint, t.active])).toEqual([
          ["FLAGSYNC_ADMIN_TOKEN", `fs_admin_…${ADMIN_TOKEN.slice(-4)}`, false],
          ["kept", kept.hint, true],
          ["FLAGSYNC_ADMIN_TOKEN", `fs_admin_…${second.slice(-4)}`, true],
        ]);
        const audit = await auditOf(restarted, second);
        expect(audit.map((e: { actor: string; action: string }) => [e.actor, e.action])).toEqual([
          ["system", "admin_token.revoked"],
          ["system", "admin_token.created"],
          ["FLAGSYNC_ADMIN_TOKEN", "admin_token.created"],
          ["system", "admin_token.created"],
        ]);
      } finally {
        await restarted.stop();
      }

      // The same value again, or none: nothing changes.
      for (const adminToken of [second, undefined]) {
        const again = await startTestServer(dialect, { testDatabase, config: { adminToken } });
        try {
          expect((await call(again, second, "GET", "/api/v1/workspaces")).status).toBe(200);
          expect(await auditOf(again, second)).toHaveLength(4);
        } finally {
          await again.stop();
        }
      }
    } finally {
      await testDatabase.drop();
    }
  });
});
