// Single sign-on end to end in Chromium: a real OpenID Connect provider (oidc-provider, with its
// development login pages) started here, the server configured for it, and a browser that
// starts the sign-in, logs in at the provider, consents, and comes back signed in; a user of a
// refused email domain is turned away.
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { launchChromium } from "@flagsync-oss/testkit/browser";
import Provider from "oidc-provider";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const SCREENSHOTS = fileURLToPath(new URL("../../dashboard/screenshots", import.meta.url));
const CLIENT = { id: "flagsync", secret: "a-client-secret-of-some-length-0123" };

describe.each(DIALECTS)("single sign-on on %s", (dialect) => {
  let server: TestServer;
  let issuerServer: Server;
  let browser: Browser;

  beforeAll(async () => {
    // The provider's address first: the server is configured with it.
    issuerServer = createServer();
    await new Promise<void>((resolve) => issuerServer.listen(0, "127.0.0.1", resolve));
    const port = (issuerServer.address() as { port: number }).port;
    const issuer = `http://127.0.0.1:${port}`;
    server = await startTestServer(dialect, {
      config: {
        sso: {
          issuer,
          clientId: CLIENT.id,
          clientSecret: CLIENT.secret,
          allowedDomains: ["example.com"],
          defaultRole: "editor",
          publicUrl: undefined,
        },
      },
    });
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: [`${server.url}/api/v1/sso/callback`],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      // Whoever logs in at the development login page is the account of that email.
      findAccount: async (_ctx: unknown, id: string) => ({
        accountId: id,
        claims: async () => ({ sub: id, email: id, email_verified: true, name: `Person ${id}` }),
      }),
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true } },
    });
    issuerServer.on("request", provider.callback());
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => issuerServer?.close(resolve));
  });

  /** Signs in at the provider's development pages as `email`; answers where the browser ends. */
  const signInAs = async (email: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The sign-in page offers single sign-on when the server has it.
    await page.goto(server.url);
    await page.getByRole("link", { name: "Sign in with SSO" }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in-sso-${dialect}.png` });
    await page.getByRole("link", { name: "Sign in with SSO" }).click();
    await page.locator('input[name="login"]').fill(email);
    await page.locator('input[name="password"]').fill("anything");
    await page.locator('button[type="submit"]').click();
    // The consent page, then back to the server.
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(
      (url) => url.href.startsWith(server.url) && !url.pathname.includes("/sso/start"),
      {
        timeout: 15_000,
      },
    );
    return { context, page };
  };

  it("signs a user of an allowed domain in, created with the default role", async () => {
    const { context, page } = await signInAs("alice@example.com");
    // The dashboard finds the session and opens signed in.
    await page.getByRole("heading", { name: "Flags", exact: true }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/signed-in-by-sso-${dialect}.png` });
    const me = (await page.evaluate(async () => (await fetch("/api/v1/me")).json())) as {
      user: { id: number; email: string; name: string };
      workspaces: unknown[];
    };
    expect(me.user).toMatchObject({ email: "alice@example.com", name: "Person alice@example.com" });
    expect(me.workspaces).toEqual([{ key: "default", role: "editor", environments: null }]);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "flagsync_session")).toMatchObject({
      httpOnly: true,
      sameSite: "Strict",
    });
    // Signing in again finds the same user.
    await context.close();
    const again = await signInAs("alice@example.com");
    const meAgain = (await again.page.evaluate(async () => (await fetch("/api/v1/me")).json())) as {
      user: { id: number };
    };
    expect(meAgain.user.id).toBe(me.user.id);
    await again.context.close();
  }, 60_000);

  it("keeps a sign-in under way in the browser that started it, and only there", async () => {
    const start = await fetch(`${server.url}/api/v1/sso/start`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const state = new URL(start.headers.get("location") ?? "").searchParams.get("state");
    const setCookie = start.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(
      /^flagsync_sso=[^;]+; HttpOnly; SameSite=Lax; Path=\/api\/v1\/sso\/callback; Max-Age=600/,
    );
    const cookie = setCookie.split(";")[0] as string;
    const callback = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/v1/sso/callback?${query}`, { headers, redirect: "manual" });
    // Another browser (no cookie) cannot finish it, nor can a state other than its own.
    const elsewhere = await callback(`code=stolen&state=${state}`);
    expect(elsewhere.status).toBe(401);
    expect(((await elsewhere.json()) as { message: string }).message).toMatch(/start again/);
    const forged = await callback("code=stolen&state=forged", { cookie });
    expect(forged.status).toBe(401);
    // The answer ends the cookie whatever it was.
    expect(forged.headers.get("set-cookie")).toMatch(/^flagsync_sso=; .*Max-Age=0/);
  });

  it("turns away an email of a domain that is not allowed", async () => {
    const { context, page } = await signInAs("mallory@evil.test");
    expect(await page.textContent("body")).toContain("Email domain evil.test may not sign in here");
    // Not signed in: the browser holds no session.
    expect((await page.goto(`${server.url}/api/v1/me`))?.status()).toBe(401);
    expect((await context.cookies()).find((c) => c.name === "flagsync_session")).toBeUndefined();
    const users = (await server.admin("GET", "/api/v1/users")).body as { email: string }[];
    expect(users.map((u) => u.email)).not.toContain("mallory@evil.test");
    await context.close();
  }, 60_000);
});
