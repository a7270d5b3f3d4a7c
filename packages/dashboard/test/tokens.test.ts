// Service tokens: made on their page with a role and scope in the workspace, shown once, working
// within that role, and revoked after a confirmation.
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, browserSession, screenshot } from "./support.js";

const s = browserSession();

describe("dashboard: service tokens", () => {
  it("makes an editor token for scripts, shown once, and revokes it", async () => {
    await s.page.goto(`${s.server.url}/tokens`);
    await s.page.getByRole("table", { name: "Tokens" }).getByText("FLAGSYNC_ADMIN_TOKEN").waitFor();
    await s.page.getByLabel("Service token name").fill("ci");
    await s.page
      .locator("input")
      .and(s.page.getByLabel("Expires", { exact: true }))
      .click();
    await s.page.getByRole("option", { name: "In 30 days" }).click();
    await s.page.getByRole("button", { name: "Create service token" }).click();
    const secret = await s.page.getByRole("dialog").getByLabel("Token").inputValue();
    await s.page.getByRole("button", { name: "Done" }).click();
    const row = s.page
      .getByRole("table", { name: "Tokens" })
      .getByRole("row")
      .filter({ hasText: "ci" });
    await row.getByText("editor in default, write").waitFor();
    // It works for 30 days: the server keeps the expiry the page asked for.
    const listed = (await (
      await fetch(`${s.server.url}/api/v1/admin-tokens`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).json()) as { name: string; expiresAt: string }[];
    const days =
      (Date.parse(listed.find((t) => t.name === "ci")?.expiresAt ?? "") - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    await screenshot(s.page, "tokens");
    const as = (method: string, path: string, body?: unknown) =>
      fetch(`${s.server.url}/api/v1/workspaces/default${path}`, {
        method,
        headers: {
          authorization: `Bearer ${secret}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    // An editor: changes flags, not SDK keys.
    expect((await as("POST", "/flags", { key: "from-ci", type: "boolean" })).status).toBe(201);
    expect((await as("GET", "/environments/production/sdk-keys")).status).toBe(403);

    await row.getByRole("button", { name: "Revoke" }).click();
    await s.page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await row.getByText("revoked").waitFor();
    expect((await as("GET", "/flags")).status).toBe(401);

    await s.page.setViewportSize({ width: 390, height: 800 });
    await screenshot(s.page, "tokens-narrow");
    const width = (await s.page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(width).toBeLessThanOrEqual(390);
    expect(s.consoleErrors).toEqual([]);
  });
});
