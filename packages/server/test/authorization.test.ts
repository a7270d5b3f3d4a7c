// Every admin route, read from the server's own route list, called as every kind of caller:
// no credentials, the instance token, a session of each role (an editor limited to one
// environment, a user of no workspace, an instance administrator, a deactivated user), personal
// and service tokens of each scope, an expired and a revoked token. Each answer must be the one
// the role table says: refused (401 or 403) or let through (any other status: the route then
// validates, finds nothing, or answers). A route without an entry in the table fails the test.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Access,
  ROUTE_ACCESS,
  type Role,
  roleAllows,
  type Scope,
  scopeAllows,
} from "../src/auth/access.js";
import { DIALECTS } from "./support/databases.js";
import {
  ADMIN_TOKEN,
  startTestServer,
  type TestServer,
  testConfig,
} from "./support/test-server.js";

/** A caller and what the table says of it. */
interface Caller {
  name: string;
  headers: () => Record<string, string>;
  /** Refused outright (401): no credentials, or credentials that no longer work. */
  unauthenticated?: boolean;
  instance?: boolean;
  /** A person's session (only a session changes its own account). */
  session?: boolean;
  scope: Scope;
  /** Its role in workspace "default" (none: not a member), and the environments an editor may change. */
  role?: Role;
  environments?: string[];
}

const PASSWORD = "correct horse battery staple";

describe.each(DIALECTS)("authorization on %s", (dialect) => {
  let server: TestServer;
  const callers: Caller[] = [];
  const bootstrap: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const logs: string[] = [];
  /** Every secret the run makes or sends, none of which may reach the logs. */
  const secrets = new Set<string>([ADMIN_TOKEN, PASSWORD]);
  const remember = (...values: (string | undefined)[]) => {
    for (const value of values) if (value) secrets.add(value);
  };

  const call = async (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ) => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: controller.signal,
    });
    const status = response.status;
    // A stream (live events) answers its headers and goes on: enough to know it was let in.
    controller.abort();
    await response.body?.cancel().catch(() => {});
    return status;
  };
  const json = async (method: string, path: string, body?: unknown, headers = bootstrap) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    // Secrets shown once (tokens, invitations, CSRF tokens) and session cookies.
    remember(parsed?.secret, parsed?.token, parsed?.csrfToken);
    remember(response.headers.get("set-cookie")?.split(";")[0]?.split("=")[1]);
    return { status: response.status, body: parsed, headers: response.headers };
  };
  const signIn = async (email: string) => {
    const answer = await json("POST", "/api/v1/sign-in", { email, password: PASSWORD }, {});
    expect(answer.status).toBe(200);
    const cookie = (answer.headers.get("set-cookie") ?? "").split(";")[0] as string;
    remember(cookie.split("=")[1], answer.body.csrfToken);
    return { cookie, csrf: answer.body.csrfToken as string };
  };
  const session = (cookie: string, csrf: string) => () => ({ cookie, "x-csrf-token": csrf });
  const bearer = (secret: string) => () => ({ authorization: `Bearer ${secret}` });

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      // Every log line of the run, to look for the secrets it made.
      logStream: new Writable({
        write(chunk, _encoding, done) {
          logs.push(String(chunk));
          done();
        },
      }),
      // Many refused requests from one address on purpose: limits off.
      config: {
        logLevel: "debug",
        rateLimits: {
          ...testConfig().rateLimits,
          refusedPerSecond: 0,
          refusedBurst: 1,
          signInFailures: 0,
        },
      },
    });
    const user = async (email: string, instanceAdmin = false) => {
      const created = await json("POST", "/api/v1/users", {
        email,
        password: PASSWORD,
        instanceAdmin,
      });
      expect(created.status).toBe(201);
      return created.body.id as number;
    };
    const member = async (id: number, role: Role, environments?: string[]) =>
      expect(
        (await json("PUT", `/api/v1/workspaces/default/members/${id}`, { role, environments }))
          .status,
      ).toBe(204);
    const ids: Record<string, number> = {};
    for (const role of ["owner", "admin", "editor", "viewer"] as const) {
      ids[role] = await user(`${role}@example.com`);
      await member(ids[role] as number, role, role === "editor" ? ["development"] : undefined);
    }
    ids.outsider = await user("outsider@example.com");
    ids.instance = await user("instance@example.com", true);
    ids.gone = await user("gone@example.com");
    await member(ids.gone as number, "owner");

    callers.push({
      name: "no credentials",
      headers: () => ({}),
      unauthenticated: true,
      scope: "admin",
    });
    callers.push({
      name: "instance token",
      headers: () => bootstrap,
      instance: true,
      scope: "admin",
    });
    for (const role of ["owner", "admin", "editor", "viewer"] as const) {
      const { cookie, csrf } = await signIn(`${role}@example.com`);
      callers.push({
        name: `${role} session`,
        headers: session(cookie, csrf),
        session: true,
        scope: "admin",
        role,
        ...(role === "editor" ? { environments: ["development"] } : {}),
      });
    }
    const outsider = await signIn("outsider@example.com");
    callers.push({
      name: "session of no workspace",
      headers: session(outsider.cookie, outsider.csrf),
      session: true,
      scope: "admin",
    });
    const instance = await signIn("instance@example.com");
    callers.push({
      name: "instance administrator's session",
      headers: session(instance.cookie, instance.csrf),
      session: true,
      instance: true,
      scope: "admin",
    });
    const gone = await signIn("gone@example.com");
    // Personal tokens of the editor, one per scope.
    const editor = callers.find((c) => c.name === "editor session") as Caller;
    for (const scope of ["read", "write", "admin"] as const) {
      const made = await json(
        "POST",
        "/api/v1/me/tokens",
        { name: `editor ${scope}`, scope },
        editor.headers(),
      );
      expect(made.status).toBe(201);
      callers.push({
        name: `editor's personal token (${scope})`,
        headers: bearer(made.body.secret),
        scope,
        role: "editor",
        environments: ["development"],
      });
    }
    // Service tokens of the workspace: an admin one per scope, and an editor's and a viewer's
    // with every scope (their role caps what the scope would allow).
    const services = [
      ...(["read", "write", "admin"] as const).map((scope) => ["admin", scope] as const),
      ["editor", "admin"] as const,
      ["viewer", "admin"] as const,
    ];
    for (const [role, scope] of services) {
      const made = await json("POST", "/api/v1/admin-tokens", {
        name: `service ${role} ${scope}`,
        workspace: "default",
        role,
        scope,
      });
      expect(made.status).toBe(201);
      callers.push({
        name: `service token (${role}, ${scope})`,
        headers: bearer(made.body.secret),
        scope,
        role,
      });
    }
    // A token past its expiry, a revoked one, and the deactivated user's session and token.
    const expiring = await json("POST", "/api/v1/admin-tokens", {
      name: "expiring",
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await server.database.db
      .updateTable("admin_tokens")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", expiring.body.id)
      .execute();
    callers.push({
      name: "expired token",
      headers: bearer(expiring.body.secret),
      unauthenticated: true,
      scope: "admin",
    });
    const revoked = await json("POST", "/api/v1/admin-tokens", { name: "revoked" });
    expect((await json("DELETE", `/api/v1/admin-tokens/${revoked.body.id}`)).status).toBe(204);
    callers.push({
      name: "revoked token",
      headers: bearer(revoked.body.secret),
      unauthenticated: true,
      scope: "admin",
    });
    const goneToken = await json(
      "POST",
      "/api/v1/me/tokens",
      { name: "gone's" },
      session(gone.cookie, gone.csrf)(),
    );
    expect(goneToken.status).toBe(201);
    expect((await json("POST", `/api/v1/users/${ids.gone}/deactivate`)).status).toBe(204);
    callers.push({
      name: "deactivated user's session",
      headers: session(gone.cookie, gone.csrf),
      unauthenticated: true,
      scope: "admin",
    });
    callers.push({
      name: "deactivated user's token",
      headers: bearer(goneToken.body.secret),
      unauthenticated: true,
      scope: "admin",
    });
  });
  afterAll(() => server?.stop());

  it("has an entry in the role table for every admin route", () => {
    const missing = server.adminRoutes
      .map((r) => `${r.method} ${r.url}`)
      .filter((route) => !(route in ROUTE_ACCESS));
    expect(missing).toEqual([]);
    // And no entry names a route that does not exist.
    const registered = new Set(server.adminRoutes.map((r) => `${r.method} ${r.url}`));
    expect(Object.keys(ROUTE_ACCESS).filter((route) => !registered.has(route))).toEqual([]);
  });

  /** What the table says a caller gets on a route, in environment `env` when it names one. */
  const expected = (
    caller: Caller,
    access: Access,
    env: string | undefined,
  ): "refused" | "unauthenticated" | "allowed" => {
    if (caller.unauthenticated) return "unauthenticated";
    if (!scopeAllows(caller.scope, access)) return "refused";
    if (access === "signedIn") return "allowed";
    if (access === "account") return caller.session ? "allowed" : "refused";
    if (caller.instance) return "allowed";
    if (access === "instance" || !caller.role) return "refused";
    return roleAllows(caller.role, caller.environments ?? null, access, env)
      ? "allowed"
      : "refused";
  };

  // Routes that end the caller's own sessions are checked on their own below.
  const endsSessions = (url: string) => url.startsWith("/api/v1/me/sign-out");

  it("answers every route as the role table says, for every caller", async () => {
    const mismatches: string[] = [];
    let doomed = 0;
    for (const { method, url } of server.adminRoutes) {
      if (endsSessions(url)) continue;
      const access = ROUTE_ACCESS[`${method} ${url}`] as Access;
      for (const env of url.includes(":env") ? ["development", "production"] : [undefined]) {
        for (const caller of callers) {
          // A workspace deleted when let through is a fresh one, with the same members.
          let ws = "default";
          if (method === "DELETE" && url === "/api/v1/workspaces/:ws") {
            ws = `doomed-${doomed++}`;
            expect((await json("POST", "/api/v1/workspaces", { key: ws, name: ws })).status).toBe(
              201,
            );
            const members = (await json("GET", "/api/v1/workspaces/default/members")).body as {
              user: { id: number };
              role: Role;
            }[];
            for (const m of members)
              await json("PUT", `/api/v1/workspaces/${ws}/members/${m.user.id}`, { role: m.role });
          }
          const path = url
            .replace(":ws", ws)
            .replace(":env", env ?? "development")
            .replace(/:(flag|metric|experiment)\b/, "no-such-$1")
            .replace(/:(id|user)\b/, "999999");
          // Changes carry an empty body: let through, they fail validation and change nothing.
          const body = ["POST", "PUT", "PATCH"].includes(method) ? {} : undefined;
          const status = await call(method, path, caller.headers(), body);
          const want = expected(caller, access, env);
          const got = status === 401 ? "unauthenticated" : status === 403 ? "refused" : "allowed";
          // A service token's workspace is "default" only: in a fresh one it is no member.
          const wantHere = ws !== "default" && caller.name.startsWith("service") ? "refused" : want;
          if (got !== wantHere)
            mismatches.push(
              `${caller.name}: ${method} ${path} → ${status}, table says ${wantHere}`,
            );
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it("refuses a session's change without its CSRF token; cookies are httpOnly and SameSite", async () => {
    await json("POST", "/api/v1/users", { email: "csrf@example.com", password: PASSWORD });
    const answer = await json(
      "POST",
      "/api/v1/sign-in",
      { email: "csrf@example.com", password: PASSWORD },
      {},
    );
    const setCookie = answer.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    // Served over plain http here: not Secure (a browser would drop it).
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = setCookie.split(";")[0] as string;
    expect(await call("POST", "/api/v1/me/tokens", { cookie }, { name: "x" })).toBe(403);
    expect(
      await call("POST", "/api/v1/me/tokens", { cookie, "x-csrf-token": "wrong" }, { name: "x" }),
    ).toBe(403);
    expect(
      await call(
        "POST",
        "/api/v1/me/tokens",
        { cookie, "x-csrf-token": answer.body.csrfToken },
        { name: "x" },
      ),
    ).toBe(201);
    // Reading needs none.
    expect(await call("GET", "/api/v1/me", { cookie })).toBe(200);
    // Signing out ends this session; signing out everywhere ends the others.
    const other = await signIn("csrf@example.com");
    expect(
      await call("POST", "/api/v1/me/sign-out", { cookie, "x-csrf-token": answer.body.csrfToken }),
    ).toBe(204);
    expect(await call("GET", "/api/v1/me", { cookie })).toBe(401);
    expect(await call("GET", "/api/v1/me", { cookie: other.cookie })).toBe(200);
    const third = await signIn("csrf@example.com");
    expect(
      await call("POST", "/api/v1/me/sign-out-everywhere", {
        cookie: third.cookie,
        "x-csrf-token": third.csrf,
      }),
    ).toBe(204);
    expect(await call("GET", "/api/v1/me", { cookie: other.cookie })).toBe(401);
  });

  it("makes the first owner from the first start's invitation, once", async () => {
    const invitation = server.credentials.ownerInvitation;
    expect(invitation?.token).toBeTruthy();
    const accept = (email: string) =>
      json(
        "POST",
        "/api/v1/invitations/accept",
        {
          token: invitation?.token,
          email,
          password: PASSWORD,
        },
        {},
      );
    const first = await accept("first@example.com");
    expect(first.status).toBe(201);
    expect(first.body.user).toMatchObject({ email: "first@example.com", instanceAdmin: true });
    expect(
      await call("GET", "/api/v1/admin-tokens", {
        cookie: (first.headers.get("set-cookie") ?? "").split(";")[0] as string,
      }),
    ).toBe(200);
    // Used up.
    expect((await accept("second@example.com")).status).toBe(401);
  });

  it("lets an admin invite a member with a role, for one email, once", async () => {
    const admin = callers.find((c) => c.name === "admin session") as Caller;
    const made = await json(
      "POST",
      "/api/v1/workspaces/default/invitations",
      { role: "viewer", email: "new@example.com" },
      admin.headers(),
    );
    expect(made.status).toBe(201);
    expect(
      (
        await json(
          "POST",
          "/api/v1/workspaces/default/invitations",
          { role: "owner" },
          admin.headers(),
        )
      ).status,
    ).toBe(403);
    const wrongEmail = await json(
      "POST",
      "/api/v1/invitations/accept",
      { token: made.body.token, email: "other@example.com", password: PASSWORD },
      {},
    );
    expect(wrongEmail.status).toBe(401);
    const joined = await json(
      "POST",
      "/api/v1/invitations/accept",
      { token: made.body.token, email: "new@example.com", password: PASSWORD },
      {},
    );
    expect(joined.status).toBe(201);
    const members = (await json("GET", "/api/v1/workspaces/default/members")).body as {
      user: { email: string };
      role: string;
    }[];
    expect(members.find((m) => m.user.email === "new@example.com")?.role).toBe("viewer");
    const listed = (
      await json("GET", "/api/v1/workspaces/default/invitations", undefined, admin.headers())
    ).body;
    expect(listed.find((i: { id: number }) => i.id === made.body.id).usedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(made.body.token);
  });

  it("keeps who changed the workspace's people in its audit log", async () => {
    const log = (await json("GET", "/api/v1/workspaces/default/audit?limit=200")).body.entries as {
      action: string;
      actor: string;
      resourceKey: string;
      after: { role: string } | null;
      address: string | null;
    }[];
    const added = log.filter((e) => e.action === "member.added");
    expect(added.map((e) => e.resourceKey)).toEqual(
      expect.arrayContaining(["owner@example.com", "editor@example.com", "viewer@example.com"]),
    );
    expect(added.find((e) => e.resourceKey === "viewer@example.com")).toMatchObject({
      actor: "FLAGSYNC_ADMIN_TOKEN",
      after: { role: "viewer" },
      address: "127.0.0.1",
    });
    // The server's own changes (the first start's workspace) come from no address.
    expect(log.find((e) => e.action === "workspace.created")).toMatchObject({
      actor: "system",
      address: null,
    });
    // A change by a signed-in person names them.
    expect(log.find((e) => e.action === "invitation.created")?.actor).toBe("admin@example.com");
  });

  it("answers a wrong password and an unknown email alike", async () => {
    const wrong = await json(
      "POST",
      "/api/v1/sign-in",
      { email: "owner@example.com", password: "not it at all" },
      {},
    );
    const unknown = await json(
      "POST",
      "/api/v1/sign-in",
      { email: "nobody@example.com", password: "not it at all" },
      {},
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it("keeps an owner in every workspace, and limits editors to environments that exist", async () => {
    await json("POST", "/api/v1/workspaces", { key: "solo", name: "Solo" });
    const created = await json("POST", "/api/v1/users", {
      email: "solo@example.com",
      password: PASSWORD,
    });
    const id = created.body.id as number;
    const members = `/api/v1/workspaces/solo/members/${id}`;
    expect((await json("PUT", members, { role: "owner" })).status).toBe(204);
    for (const [method, body] of [
      ["PUT", { role: "admin" }],
      ["DELETE", undefined],
    ] as const) {
      const refused = await json(method, members, body);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/at least one owner/);
    }
    const typo = await json("PUT", members, { role: "editor", environments: ["developmnet"] });
    expect(typo.status).toBe(400);
    expect(typo.body.details).toEqual([
      { field: "body.environments[0]", message: "no such environment" },
    ]);
    // With a second owner, the first may step down.
    const other = await json("POST", "/api/v1/users", {
      email: "solo2@example.com",
      password: PASSWORD,
    });
    expect(
      (await json("PUT", `/api/v1/workspaces/solo/members/${other.body.id}`, { role: "owner" }))
        .status,
    ).toBe(204);
    expect((await json("PUT", members, { role: "admin" })).status).toBe(204);
  });

  it("lets no admin give themselves the owner role", async () => {
    const admin = callers.find((c) => c.name === "admin session") as Caller;
    const me = (await json("GET", "/api/v1/me", undefined, admin.headers())).body;
    expect(
      (
        await json(
          "PUT",
          `/api/v1/workspaces/default/members/${me.user.id}`,
          { role: "owner" },
          admin.headers(),
        )
      ).status,
    ).toBe(403);
    const owner = callers.find((c) => c.name === "owner session") as Caller;
    const ownerMe = (await json("GET", "/api/v1/me", undefined, owner.headers())).body;
    expect(
      (
        await json(
          "DELETE",
          `/api/v1/workspaces/default/members/${ownerMe.user.id}`,
          undefined,
          admin.headers(),
        )
      ).status,
    ).toBe(403);
  });
  it("lets an instance administrator reset a password, ending that user's sessions", async () => {
    await json("POST", "/api/v1/users", { email: "reset@example.com", password: PASSWORD });
    const before = await signIn("reset@example.com");
    const users = (await json("GET", "/api/v1/users")).body as { id: number; email: string }[];
    const id = users.find((u) => u.email === "reset@example.com")?.id;
    const instance = callers.find((c) => c.name === "instance administrator's session") as Caller;
    const fresh = "another long passphrase";
    expect(
      (await json("PUT", `/api/v1/users/${id}/password`, { password: fresh }, instance.headers()))
        .status,
    ).toBe(204);
    expect(await call("GET", "/api/v1/me", { cookie: before.cookie })).toBe(401);
    expect(
      (
        await json(
          "POST",
          "/api/v1/sign-in",
          { email: "reset@example.com", password: PASSWORD },
          {},
        )
      ).status,
    ).toBe(401);
    expect(
      (await json("POST", "/api/v1/sign-in", { email: "reset@example.com", password: fresh }, {}))
        .status,
    ).toBe(200);
  });

  it("keeps an editor limited to development out of production experiments", async () => {
    const editor = callers.find((c) => c.name === "editor session") as Caller;
    // The matrix above deleted them, as the instance token may.
    for (const key of ["development", "production"])
      expect([201, 409]).toContain(
        (await json("POST", "/api/v1/workspaces/default/environments", { key, name: key })).status,
      );
    expect(
      (await json("POST", "/api/v1/workspaces/default/flags", { key: "checkout", type: "boolean" }))
        .status,
    ).toBe(201);
    expect(
      (
        await json("POST", "/api/v1/workspaces/default/metrics", {
          key: "orders",
          kind: "count",
          eventKey: "order",
        })
      ).status,
    ).toBe(201);
    const experiment = (key: string, environment: string) => ({
      key,
      flag: "checkout",
      environment,
      baseline: "off",
      primaryMetric: "orders",
    });
    const make = (key: string, environment: string) =>
      json(
        "POST",
        "/api/v1/workspaces/default/experiments",
        experiment(key, environment),
        editor.headers(),
      );
    const refused = await make("checkout-live", "production");
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Your role (editor) may not change environment "production"');
    const made = await make("checkout-dev", "development");
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // One an admin made in production: the editor sees it, and changes none of it.
    expect(
      (
        await json(
          "POST",
          "/api/v1/workspaces/default/experiments",
          experiment("checkout-live", "production"),
        )
      ).status,
    ).toBe(201);
    const live = "/api/v1/workspaces/default/experiments/checkout-live";
    expect(await call("GET", live, editor.headers())).toBe(200);
    expect(await call("PATCH", live, editor.headers(), { name: "mine" })).toBe(403);
    expect(await call("POST", `${live}/start`, editor.headers(), {})).toBe(403);
    expect((await json("POST", `${live}/start`, {})).status).toBe(200);
    for (const [method, path, body] of [
      ["POST", `${live}/stop`, { decision: "inconclusive" }],
      ["POST", `${live}/phases`, {}],
      ["PUT", `${live}/window`, { end: null }],
    ] as const)
      expect(await call(method, path, editor.headers(), body), path).toBe(403);
    // In development the same editor runs the whole life of one.
    const dev = "/api/v1/workspaces/default/experiments/checkout-dev";
    expect(await call("PATCH", dev, editor.headers(), { name: "mine" })).toBe(200);
    expect(await call("POST", `${dev}/start`, editor.headers(), {})).toBe(200);
    expect(await call("POST", `${dev}/stop`, editor.headers(), { decision: "inconclusive" })).toBe(
      200,
    );
  });

  it("lists a person's sessions with their browser and ends one of them", async () => {
    await json("POST", "/api/v1/users", { email: "travels@example.com", password: PASSWORD });
    const signInWith = async (agent: string) => {
      const answer = await json(
        "POST",
        "/api/v1/sign-in",
        { email: "travels@example.com", password: PASSWORD },
        { "user-agent": agent },
      );
      expect(answer.status).toBe(200);
      const cookie = (answer.headers.get("set-cookie") ?? "").split(";")[0] as string;
      return session(cookie, answer.body.csrfToken)();
    };
    const laptop = await signInWith("Laptop browser");
    const phone = await signInWith("Phone browser");
    const listed = await json("GET", "/api/v1/me/sessions", undefined, laptop);
    expect(listed.status).toBe(200);
    const sessions = listed.body as { id: number; userAgent: string; current: boolean }[];
    expect(sessions.map((s) => [s.userAgent, s.current]).sort()).toEqual([
      ["Laptop browser", true],
      ["Phone browser", false],
    ]);
    expect(JSON.stringify(sessions)).not.toMatch(/secret|csrf|hash/i);
    const phoneId = sessions.find((s) => !s.current)?.id as number;
    // Another person cannot end it, nor learn that it exists.
    const owner = callers.find((c) => c.name === "owner session") as Caller;
    expect(await call("DELETE", `/api/v1/me/sessions/${phoneId}`, owner.headers())).toBe(404);
    expect(await call("GET", "/api/v1/me", phone)).toBe(200);
    // Its own person ends it: that browser is signed out at once, this one goes on.
    expect(await call("DELETE", `/api/v1/me/sessions/${phoneId}`, laptop)).toBe(204);
    expect(await call("GET", "/api/v1/me", phone)).toBe(401);
    expect(await call("GET", "/api/v1/me", laptop)).toBe(200);
    const after = (await json("GET", "/api/v1/me/sessions", undefined, laptop)).body as unknown[];
    expect(after).toHaveLength(1);
  });

  it("revokes the break-glass token once a person can administer the instance", async () => {
    const tokens = (await json("GET", "/api/v1/admin-tokens")).body as {
      id: number;
      name: string;
    }[];
    const breakGlass = tokens.find((t) => t.name === "FLAGSYNC_ADMIN_TOKEN")?.id;
    const instance = callers.find((c) => c.name === "instance administrator's session") as Caller;
    expect(
      (await json("DELETE", `/api/v1/admin-tokens/${breakGlass}`, undefined, instance.headers()))
        .status,
    ).toBe(204);
    expect(await call("GET", "/api/v1/workspaces", bootstrap)).toBe(401);
  });

  // Last: everything above has run and logged.
  it("writes none of the secrets it made or received to its logs", async () => {
    const all = logs.join("");
    expect(all.length).toBeGreaterThan(10_000);
    expect(secrets.size).toBeGreaterThan(20);
    // Each secret is long and random: present only if it leaked.
    const leaked = [...secrets].filter((secret) => secret.length >= 12 && all.includes(secret));
    expect(leaked).toEqual([]);
    // Nor a password hash.
    expect(all).not.toMatch(/\$argon2id\$/);
  });
});
