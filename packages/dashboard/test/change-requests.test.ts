// Approvals in the dashboard: where production requires one, an editor's save becomes a
// change request ("Request changes"); a second editor approves it on the change requests page
// (the author cannot); the author applies it and the flag is on.
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, adminCall, adminOk, browserSession, screenshot } from "./support.js";

const PASSWORD = "correct horse battery staple";

const s = browserSession({
  signIn: false,
  before: async (server) => {
    for (const name of ["ana", "ben"]) {
      const response = await fetch(`${server.url}/api/v1/users`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ email: `${name}@example.com`, password: PASSWORD }),
      });
      const { id } = (await response.json()) as { id: number };
      const member = await fetch(`${server.url}/api/v1/workspaces/default/members/${id}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ role: "editor" }),
      });
      expect(member.status).toBe(204);
    }
    await adminOk(server.url, "POST", "/flags", { key: "checkout", type: "boolean" });
    await adminOk(server.url, "PATCH", "/environments/production", {
      approvals: { required: 1, approverRole: "editor" },
    });
  },
});

/** Signs out whoever is signed in (as a person does: the button), then signs `name` in. */
async function signInAs(name: string) {
  const signOut = s.page.getByRole("button", { name: "Sign out" });
  if ((await signOut.count()) > 0) await signOut.first().click();
  else await s.page.goto(s.server.url);
  await s.page.getByLabel("Email").fill(`${name}@example.com`);
  await s.page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await s.page.getByRole("button", { name: "Sign in", exact: true }).click();
  await s.page.getByRole("heading", { name: "Flags", exact: true }).waitFor();
}

describe("dashboard: change requests", () => {
  it("requests, approves and applies a production change", async () => {
    await signInAs("ana");
    await s.page.goto(`${s.server.url}/flags/checkout`);
    await s.page.getByRole("tab", { name: /Production/ }).click();
    await s.page.getByRole("switch").click();
    await s.page.getByRole("button", { name: "Request changes" }).click();
    const dialog = s.page.getByRole("dialog", {
      name: "Request changes to checkout in production",
    });
    await dialog.getByLabel("Why (shown to the approvers)").fill("launch the new checkout");
    await screenshot(s.page, "change-request-open");
    await dialog.getByRole("button", { name: "Open change request" }).click();
    await s.page.getByText("Waiting for approval").waitFor();
    // Nothing applied yet.
    const before = await adminCall(s.server.url, "GET", "/flags/checkout/environments/production");
    expect(before.body.enabled).toBe(false);
    // The author sees the request but may not approve it.
    await s.page.getByRole("link", { name: "Review" }).click();
    const card = s.page.getByRole("region", { name: "Change request 1" });
    await card.getByText("Turned on").waitFor();
    expect(await card.getByRole("button", { name: "Approve" }).isDisabled()).toBe(true);
    expect(await card.getByRole("button", { name: "Apply" }).isDisabled()).toBe(true);

    await signInAs("ben");
    await s.page.getByRole("link", { name: "Change requests" }).first().click();
    await s.page.getByRole("region", { name: "Change request 1" }).getByText("Turned on").waitFor();
    await s.page.getByRole("button", { name: "Approve" }).click();
    await s.page.getByRole("dialog").getByLabel("Comment (optional)").fill("looks right");
    await s.page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
    await s.page.getByText("Approved by ben@example.com").waitFor();
    await screenshot(s.page, "change-request-approved");

    await signInAs("ana");
    await s.page.goto(`${s.server.url}/change-requests`);
    const mine = s.page.getByRole("region", { name: "Change request 1" });
    await mine.getByRole("button", { name: "Apply" }).click();
    // Applied: gone from the open list, and the flag is on in production.
    await mine.waitFor({ state: "detached" });
    const after = await adminCall(s.server.url, "GET", "/flags/checkout/environments/production");
    expect(after.body.enabled).toBe(true);
    await s.page.getByText("All", { exact: true }).click();
    await s.page
      .getByRole("region", { name: "Change request 1" })
      .getByText("applied")
      .first()
      .waitFor();
    await screenshot(s.page, "change-request-applied");
    await s.page.setViewportSize({ width: 390, height: 800 });
    await screenshot(s.page, "change-requests-narrow");
    const width = (await s.page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(width).toBeLessThanOrEqual(390);
    await s.page.setViewportSize({ width: 1440, height: 900 });
    expect(s.consoleErrors, s.consoleErrors.join("\n")).toEqual([]);
  });
});
