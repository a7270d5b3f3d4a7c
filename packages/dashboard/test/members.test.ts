// The members page: roles change and members leave only once confirmed (a cancelled change
// saves nothing), an invitation's token is shown once and works, at 1280 px and 390 px.
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, browserSession, screenshot } from "./support.js";

const s = browserSession();
const PASSWORD = "correct horse battery staple";

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${s.server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as { id: number } };
}

describe("dashboard: members", () => {
  it("changes a role once confirmed, invites someone, and removes a member", async () => {
    const bob = await call("POST", "/api/v1/users", {
      email: "bob@example.com",
      password: PASSWORD,
    });
    expect(bob.status).toBe(201);
    expect(
      (await call("PUT", `/api/v1/workspaces/default/members/${bob.body.id}`, { role: "editor" }))
        .status,
    ).toBe(204);
    await s.page.goto(`${s.server.url}/members`);
    const table = s.page.getByRole("table", { name: "Members" });
    const row = table.getByRole("row").filter({ hasText: "bob@example.com" });
    await row.getByText("Editor").waitFor();
    await screenshot(s.page, "members");

    // A cancelled change saves nothing.
    await row.getByRole("button", { name: "Change role" }).click();
    await s.page.getByRole("dialog").getByLabel("Role").click();
    await s.page.getByRole("option", { name: /^Admin/ }).click();
    await s.page.getByRole("button", { name: "Cancel" }).click();
    await row.getByText("Editor").waitFor();
    // Confirmed, it is saved.
    await row.getByRole("button", { name: "Change role" }).click();
    await s.page.getByRole("dialog").getByLabel("Role").click();
    await s.page.getByRole("option", { name: /^Admin/ }).click();
    await s.page.getByRole("button", { name: "Save role" }).click();
    await row.getByText("Admin", { exact: true }).waitFor();
    const members = await call("GET", "/api/v1/workspaces/default/members");
    expect(members.body).toEqual([
      expect.objectContaining({
        role: "admin",
        user: expect.objectContaining({ email: "bob@example.com" }),
      }),
    ]);

    // An invitation: its token, shown once, creates the account with the role.
    await s.page.getByRole("button", { name: "Invite someone" }).click();
    await s.page.getByLabel("Email (optional)").fill("new@example.com");
    await s.page.getByRole("button", { name: "Create invitation" }).click();
    const link = await s.page.getByLabel("Invitation link").inputValue();
    expect(new URL(link).searchParams.get("invitation")?.length).toBeGreaterThan(30);
    await screenshot(s.page, "members-invitation");
    await s.page.getByRole("button", { name: "Done" }).click();
    // The invited person opens the link in their own browser and creates their account.
    const theirs = await s.browser.newContext();
    const page = await theirs.newPage();
    await page.goto(link);
    await page.getByLabel("Email").fill("new@example.com");
    await page.getByLabel("New password").fill(PASSWORD);
    await screenshot(page, "invitation-accept");
    await page.getByRole("button", { name: "Create my account" }).click();
    await page.getByRole("heading", { name: "Flags", exact: true }).waitFor();
    expect(new URL(page.url()).search).toBe("");
    await theirs.close();
    await s.page.reload();
    await table
      .getByRole("row")
      .filter({ hasText: "new@example.com" })
      .getByText("Viewer")
      .waitFor();

    // Removing asks first.
    await row.getByRole("button", { name: "Remove" }).click();
    await s.page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await row.waitFor({ state: "detached" });

    await s.page.setViewportSize({ width: 390, height: 800 });
    await screenshot(s.page, "members-narrow");
    const width = (await s.page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(width).toBeLessThanOrEqual(390);
    expect(s.consoleErrors).toEqual([]);
  });
});
