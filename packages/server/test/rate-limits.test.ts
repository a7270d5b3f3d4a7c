// Limits on refused requests per client address, the admin sign-in lockout and tracking per
// SDK key. The server trusts X-Forwarded-For here, so each test plays its own client address.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./support/test-server.js";

const LIMITS = {
  refusedPerSecond: 1,
  refusedBurst: 5,
  signInFailures: 3,
  lockoutSeconds: 60,
  trackPerSecond: 1,
  trackBurst: 3,
  trackedClients: 1000,
};

describe.each(DIALECTS)("rate limits on %s", (dialect) => {
  let server: TestServer;
  let untrusting: TestServer;
  const from = (address: string, headers: Record<string, string> = {}) => ({
    "x-forwarded-for": address,
    ...headers,
  });
  const admin = (target: TestServer, headers: Record<string, string>) =>
    fetch(`${target.url}/api/v1/workspaces`, { headers });
  const track = (key: string, address: string) =>
    fetch(`${server.url}/track/events/server`, {
      method: "POST",
      headers: from(address, { "content-type": "application/json", "x-ridgeline-key": key }),
      body: JSON.stringify({ events: [] }),
    });

  beforeAll(async () => {
    server = await startTestServer(dialect, { config: { trustProxy: true, rateLimits: LIMITS } });
    untrusting = await startTestServer(dialect, {
      config: { trustProxy: false, rateLimits: LIMITS },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await untrusting?.stop();
  });

  it("answers 429 with Retry-After once an address has sent too many requests without a token", async () => {
    for (let i = 0; i < 5; i++) expect((await admin(server, from("10.0.0.1"))).status).toBe(401);
    const limited = await admin(server, from("10.0.0.1"));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toEqual({
      statusCode: 429,
      errorCode: "rate_limited",
      message: expect.any(String),
      path: "/api/v1/workspaces",
    });
    // Another address is not affected, and a right token is served.
    expect((await admin(server, from("10.0.0.2"))).status).toBe(401);
    expect(
      (await admin(server, from("10.0.0.2", { authorization: `Bearer ${ADMIN_TOKEN}` }))).status,
    ).toBe(200);
  });

  it("ends the connection of a 429 to a large body instead of reading it", async () => {
    const post = (address: string, bytes: number) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const request = http.request(
          new URL("/api/v1/workspaces", server.url),
          {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "content-length": bytes,
              "x-forwarded-for": address,
            },
          },
          (response) => {
            response.resume();
            resolve({ status: response.statusCode ?? 0, connection: response.headers.connection });
          },
        );
        request.on("error", reject);
        request.end(`{"a":"${"x".repeat(bytes - 8)}"}`);
      });
    // Below the limit the body is read and the 401 arrives on a connection that stays open.
    expect(await post("10.0.5.1", 100_000)).toEqual({ status: 401, connection: "keep-alive" });
    for (let i = 0; i < 4; i++) await post("10.0.5.1", 10);
    expect(await post("10.0.5.1", 10)).toEqual({ status: 429, connection: "keep-alive" });
    expect(await post("10.0.5.1", 100_000)).toEqual({ status: 429, connection: "close" });
  });

  it("locks an address out of the admin API after repeated wrong tokens, right token included", async () => {
    const wrong = from("10.0.1.1", {
      authorization: "Bearer fs_admin_wrong-0123456789abcdefghijkl",
    });
    expect((await admin(server, wrong)).status).toBe(401);
    expect((await admin(server, wrong)).status).toBe(401);
    const locked = await admin(server, wrong);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("60");
    const right = await admin(server, from("10.0.1.1", { authorization: `Bearer ${ADMIN_TOKEN}` }));
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(55);
    expect(((await right.json()) as { errorCode: string }).errorCode).toBe("rate_limited");
    // A right token forgives earlier mistakes of its address.
    const other = from("10.0.1.2", {
      authorization: "Bearer fs_admin_wrong-0123456789abcdefghijkl",
    });
    expect((await admin(server, other)).status).toBe(401);
    expect((await admin(server, other)).status).toBe(401);
    expect(
      (await admin(server, from("10.0.1.2", { authorization: `Bearer ${ADMIN_TOKEN}` }))).status,
    ).toBe(200);
    expect((await admin(server, other)).status).toBe(401);
  });

  it("answers unknown SDK keys over the budget with the protocol's 429 body, without a database query", async () => {
    const good = server.keys.development?.server as string;
    expect((await track(good, "10.0.2.9")).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${server.url}/sdk/rules`, {
        headers: from("10.0.2.1", { "x-ridgeline-key": `fs_server_random${i}` }),
      });
      expect(response.status).toBe(401);
    }
    const queries = server.database.queryCount();
    for (const path of ["/sdk/rules", "/sse/sdk-updates/server", "/sdk/connect"]) {
      const limited = await fetch(`${server.url}${path}`, {
        headers: from("10.0.2.1", { "x-ridgeline-key": `fs_server_other${path}` }),
      });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await limited.json()).toEqual({
        statusCode: 429,
        errorCode: "UNKNOWN_ERROR",
        message: "Too many requests with an invalid SDK key from this address",
        path,
      });
    }
    expect(server.database.queryCount()).toBe(queries);
    // A key in use is still served to that address.
    const rules = await fetch(`${server.url}/sdk/rules`, {
      headers: from("10.0.2.1", { "x-ridgeline-key": good }),
    });
    expect(rules.status).toBe(200);
  });

  it("limits tracking requests per SDK key", async () => {
    const key = server.keys.production?.server as string;
    // One key, several addresses: the limit follows the key.
    for (let i = 0; i < 3; i++) expect((await track(key, `10.0.3.${i}`)).status).toBe(200);
    const limited = await track(key, "10.0.3.9");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toEqual({
      statusCode: 429,
      errorCode: "UNKNOWN_ERROR",
      message: "Too many tracking requests for this SDK key",
      path: "/track/events/server",
    });
    // Other keys and other endpoints of the key are not affected.
    expect((await track(server.keys.production?.client as string, "10.0.3.9")).status).toBe(401);
    const rules = await fetch(`${server.url}/sdk/rules`, { headers: { "x-ridgeline-key": key } });
    expect(rules.status).toBe(200);
  });

  describe("signing in with a password", () => {
    const PASSWORD = "correct horse battery staple";
    const signIn = (email: string, password: string, address: string) =>
      fetch(`${server.url}/api/v1/sign-in`, {
        method: "POST",
        headers: from(address, { "content-type": "application/json" }),
        body: JSON.stringify({ email, password }),
      });
    beforeAll(async () => {
      for (const email of ["locked@example.com", "spared@example.com", "roamer@example.com"])
        expect(
          (
            await fetch(`${server.url}/api/v1/users`, {
              method: "POST",
              headers: {
                authorization: `Bearer ${ADMIN_TOKEN}`,
                "content-type": "application/json",
              },
              body: JSON.stringify({ email, password: PASSWORD }),
            })
          ).status,
        ).toBe(201);
    });

    it("locks an address out after repeated wrong passwords, for any account", async () => {
      for (const email of ["roamer@example.com", "nobody@example.com", "roamer@example.com"])
        expect((await signIn(email, "wrong password!", "10.0.9.1")).status).toBe(401);
      const locked = await signIn("roamer@example.com", PASSWORD, "10.0.9.1");
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(55);
      expect(((await locked.json()) as { message: string }).message).toMatch(/this address/);
      // Another address signs the same person in.
      expect((await signIn("roamer@example.com", PASSWORD, "10.0.9.2")).status).toBe(200);
    });

    it("locks an account after ten wrong passwords from many addresses, and only that account", async () => {
      for (let i = 0; i < 10; i++)
        expect((await signIn("locked@example.com", "wrong password!", `10.0.10.${i}`)).status).toBe(
          401,
        );
      const locked = await signIn("LOCKED@example.com", PASSWORD, "10.0.11.1");
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(890);
      expect(((await locked.json()) as { message: string }).message).toMatch(/this account/);
      expect((await signIn("spared@example.com", PASSWORD, "10.0.11.1")).status).toBe(200);
    });
  });

  it("counts IPv6 clients by their /64 prefix", async () => {
    for (let i = 0; i < 5; i++)
      expect((await admin(server, from(`2001:db8:7:7::${i + 1}`))).status).toBe(401);
    expect((await admin(server, from("2001:db8:7:7:abcd::99"))).status).toBe(429);
    expect((await admin(server, from("2001:db8:7:8::1"))).status).toBe(401);
  });

  it("ignores X-Forwarded-For unless TRUST_PROXY is set", async () => {
    for (let i = 0; i < 5; i++)
      expect((await admin(untrusting, from(`10.0.4.${i}`))).status).toBe(401);
    expect((await admin(untrusting, from("10.0.4.99"))).status).toBe(429);
  });
});
