// Signing in as a person: email and password give a session cookie (the dashboard keeps only
// its CSRF token); a wrong password is refused in words; a viewer sees the flags but may not
// change them (the API refuses); signing out ends the session on the server too.
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, adminCall, browserSession, screenshot } from "./support.js";

const s = browserSession({ signIn: false });
const PASSWORD = "correct horse battery staple";

async function instance(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: { id: number } }> {
  const response = await fetch(`${s.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { id: number } };
}

describe("dashboard: people sign in", () => {
  it("signs a viewer in with email and password, who sees flags and cannot change them", async () => {
    const user = await instance("POST", "/api/v1/users", {
      email: "vera@example.com",
      password: PASSWORD,
    });
    expect(user.status).toBe(201);
    expect(
      (
        await fetch(`${s.server.url}/api/v1/workspaces/default/members/${user.body.id}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
          body: JSON.stringify({ role: "viewer" }),
        })
      ).status,
    ).toBe(204);
    expect(
      (await adminCall(s.server.url, "POST", "/flags", { key: "seen-flag", type: "boolean" }))
        .status,
    ).toBe(201);

    await s.page.goto(s.server.url);
    await s.page.getByLabel("Email").waitFor();
    await screenshot(s.page, "sign-in-person");
    await s.page.setViewportSize({ width: 390, height: 800 });
    await screenshot(s.page, "sign-in-person-narrow");
    const width = (await s.page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(width).toBeLessThanOrEqual(390);
    await s.page.setViewportSize({ width: 1440, height: 900 });

    await s.page.getByLabel("Email").fill("vera@example.com");
    await s.page.getByLabel("Password", { exact: true }).fill("not the password");
    await s.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await s.page.getByText("Wrong email or password").waitFor();
    await s.page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await s.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await s.page.getByText("seen-flag").first().waitFor();
    // A viewer's controls are disabled, saying why.
    const create = s.page.getByRole("button", { name: "Create flag" });
    await expect.poll(() => create.isDisabled()).toBe(true);
    await create.hover({ force: true });
    await s.page.getByText("Viewers see but do not change").waitFor();
    await screenshot(s.page, "viewer-flags");
    // On the flag's page every control is disabled, the reason said once above the state.
    await s.page.getByText("seen-flag").first().click();
    await s.page.getByText("Read only").first().waitFor();
    for (const name of [/^Save /, "Save details", "Save tags", "More…", "Add rule"])
      await expect
        .poll(() => s.page.getByRole("button", { name }).first().isDisabled(), {
          message: String(name),
        })
        .toBe(true);
    expect(await s.page.getByRole("switch").first().isDisabled()).toBe(true);
    await screenshot(s.page, "viewer-flag");
    // SDK keys are an admin's: the page says so and offers no key to make.
    await s.page.getByRole("link", { name: "Environments & keys" }).click();
    await s.page
      .getByText("SDK keys are shown to the workspace's admins and owners only")
      .first()
      .waitFor();
    expect(await s.page.getByRole("button", { name: "New key" }).first().isDisabled()).toBe(true);
    // The session is an httpOnly cookie; the page holds no token.
    const cookies = await s.context.cookies();
    expect(cookies.find((c) => c.name === "flagsync_session")).toMatchObject({ httpOnly: true });
    expect(await s.page.evaluate('localStorage.getItem("flagsync.adminToken")')).toBeNull();
    // A viewer's change is refused by the API, whatever the page offers.
    const refused = await s.page.evaluate(`(async () => {
      const response = await fetch("/api/v1/workspaces/default/flags", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-csrf-token": localStorage.getItem("flagsync.csrfToken") ?? "",
        },
        body: JSON.stringify({ key: "not-mine", type: "boolean" }),
      });
      return response.status;
    })()`);
    expect(refused).toBe(403);

    await s.page.getByRole("button", { name: "Sign out" }).first().click();
    await s.page.getByLabel("Email").waitFor();
    // Ended on the server too: the cookie no longer signs in.
    const status = await s.page.evaluate('fetch("/api/v1/session").then((r) => r.json())');
    expect(status).toEqual({ signedIn: false, csrfToken: null });
  });

  it("lets a person make and revoke a personal token and change their password", async () => {
    const user = await instance("POST", "/api/v1/users", {
      email: "eda@example.com",
      password: PASSWORD,
    });
    expect(user.status).toBe(201);
    await s.page.goto(s.server.url);
    await s.page.getByLabel("Email").fill("eda@example.com");
    await s.page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await s.page.getByRole("button", { name: "Sign in", exact: true }).click();
    // A member of no workspace yet is told so, not shown empty pages.
    await s.page.getByRole("heading", { name: "No workspace yet" }).waitFor();
    await screenshot(s.page, "no-workspace");
    await s.page.getByRole("link", { name: "My account" }).last().click();
    await s.page.getByText("eda@example.com").first().waitFor();
    // This browser's session is listed, with its browser.
    const sessions = s.page.getByRole("table", { name: "My sessions" });
    await sessions.getByText("This browser").waitFor();
    expect(await sessions.getByText(/Chrome on Linux/).count()).toBe(1);
    // A token's name typed and not made is a draft: leaving asks.
    await s.page.getByLabel("Token name").fill("laptop");
    const asked = new Promise<string>((resolve) =>
      s.page.once("dialog", (dialog) => {
        resolve(dialog.message());
        void dialog.dismiss();
      }),
    );
    await s.page.getByRole("link", { name: "Flags" }).first().click();
    expect(await asked).toMatch(/a new token/);
    expect(new URL(s.page.url()).pathname).toBe("/account");
    await s.page.getByRole("button", { name: "Create token" }).click();
    const secret = await s.page.getByRole("dialog").getByLabel("Token").inputValue();
    expect(secret).toMatch(/^fs_admin_/);
    await s.page.getByRole("button", { name: "Done" }).click();
    await screenshot(s.page, "account");
    const asToken = () =>
      fetch(`${s.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await asToken()).status).toBe(200);
    await s.page
      .getByRole("table", { name: "My tokens" })
      .getByRole("button", { name: "Revoke" })
      .click();
    await s.page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await s.page.getByRole("table", { name: "My tokens" }).waitFor({ state: "detached" });
    expect((await asToken()).status).toBe(401);

    await s.page.setViewportSize({ width: 390, height: 800 });
    await screenshot(s.page, "account-narrow");
    const width = (await s.page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(width).toBeLessThanOrEqual(390);
    await s.page.setViewportSize({ width: 1440, height: 900 });

    const fresh = "another long passphrase";
    await s.page.getByLabel("Current password").fill(PASSWORD);
    await s.page.getByLabel("New password").fill(fresh);
    await s.page.getByRole("button", { name: "Change password" }).click();
    await s.page.getByLabel("Email").waitFor();
    await s.page.getByLabel("Email").fill("eda@example.com");
    await s.page.getByLabel("Password", { exact: true }).fill(fresh);
    await s.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await s.page.getByRole("heading", { name: "No workspace yet" }).waitFor();
  });
});
