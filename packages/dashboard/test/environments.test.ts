import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, browserSession, screenshot, until } from "./support.js";

/** The status of the SDK API's server-side bootstrap with a key. */
async function initServer(secret: string): Promise<number> {
  const response = await fetch(`${s.server.url}/sdk/init-server`, {
    method: "POST",
    headers: { "x-ridgeline-key": secret, "content-type": "application/json" },
    body: "{}",
  });
  await response.body?.cancel();
  return response.status;
}

/** How the page shows a key: its prefix, then its last four characters. */
function hintOf(secret: string): string {
  return `${secret.slice(0, secret.lastIndexOf("_") + 1)}…${secret.slice(-4)}`;
}

/** Everything the page holds as text, hidden parts and the values of its fields included. */
async function pageText(): Promise<string> {
  // Read in one step in the page: the fields present at that moment (a re-render may replace
  // them between a list of locators and reading each).
  return (await s.page.evaluate(`[
    document.body.textContent ?? "",
    ...Array.from(document.querySelectorAll("input, textarea"), (field) => field.value),
  ].join("\\n")`)) as string;
}

/** A screenshot of the window (1280×800 unless resized). */
const shoot = (name: string, at?: string) => screenshot(s.page, name, at);

const s = browserSession({
  signIn: false,
});

beforeAll(async () => {
  await s.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.server.url });
});

describe("dashboard: environments and SDK keys", () => {
  let secret: string;

  it("signs in and lists the first-start environments with their keys as hints", async () => {
    await s.page.goto(`${s.server.url}/environments`);
    await s.page.getByRole("button", { name: "Use an admin token" }).click();
    await s.page.getByLabel("Admin token").fill(ADMIN_TOKEN);
    await s.page.getByRole("button", { name: "Sign in" }).click();
    await s.page.getByRole("heading", { name: "Environments & keys" }).waitFor();
    const development = s.page.getByRole("region", { name: "Environment development" });
    const firstKey = s.server.keys.development?.serverKey as string;
    await development.getByText(hintOf(firstKey)).waitFor();
    expect(await pageText()).not.toContain(firstKey);
    await s.page.getByRole("region", { name: "Environment production" }).waitFor();
  });

  it("creates the environment staging; a bad key is refused next to its field", async () => {
    await s.page.getByRole("button", { name: "Create environment" }).click();
    const dialog = s.page.getByRole("dialog", { name: "Create an environment" });
    const keyField = dialog.getByLabel(/^Key/);
    await keyField.fill("Bad Key!");
    await dialog.getByRole("button", { name: "Create environment" }).click();
    await until(
      async () => (await keyField.getAttribute("aria-invalid")) === "true",
      5000,
      "the key field to show the API's error",
    );
    await dialog.getByText(/must start with a letter or digit/).waitFor();
    await shoot("environment-create-error");
    // Chromium logs the refused request itself (a 400 response); nothing else may be logged.
    expect(s.consoleErrors).toEqual([
      "Failed to load resource: the server responded with a status of 400 (Bad Request)",
    ]);
    s.consoleErrors.length = 0;

    await keyField.fill("staging");
    await dialog.getByLabel("Name").fill("Staging");
    await dialog.getByRole("button", { name: "Create environment" }).click();
    // The new environment's two keys, shown once.
    const secrets = s.page.getByRole("dialog", { name: "Environment Staging created" });
    const serverSecret = await secrets.getByLabel("Secret of Server key").inputValue();
    const clientSecret = await secrets.getByLabel("Secret of Client key").inputValue();
    expect(serverSecret).toMatch(/^fs_server_[0-9A-Za-z]{32}$/);
    expect(clientSecret).toMatch(/^fs_client_[0-9A-Za-z]{32}$/);
    expect(await initServer(serverSecret)).toBe(200);
    await secrets.getByRole("button", { name: "I have copied them" }).click();
    await secrets.waitFor({ state: "hidden" });
    const staging = s.page.getByRole("region", { name: "Environment staging" });
    await staging.getByText(hintOf(serverSecret)).waitFor();
    await staging.getByText(hintOf(clientSecret)).waitFor();
    const text = await pageText();
    expect(text).not.toContain(serverSecret);
    expect(text).not.toContain(clientSecret);
  });

  it("creates a server key: its secret is shown once, can be copied and works on the SDK API", async () => {
    const staging = s.page.getByRole("region", { name: "Environment staging" });
    await staging.getByRole("button", { name: "New key" }).click();
    const form = s.page.getByRole("dialog", { name: "New SDK key for staging" });
    await form.getByLabel("Name").fill("checkout-service");
    await form.getByRole("button", { name: "Create key" }).click();

    const dialog = s.page.getByRole("dialog", { name: "New server key for staging" });
    await dialog.getByText("You will not see it again", { exact: false }).waitFor();
    secret = await dialog.getByLabel("Secret of checkout-service").inputValue();
    expect(secret).toMatch(/^fs_server_[0-9A-Za-z]{32}$/);
    expect(await pageText()).toContain(secret);
    await dialog.getByRole("button", { name: "Copy checkout-service" }).click();
    await dialog
      .getByRole("button", { name: "Copy checkout-service" })
      .getByText("Copied")
      .waitFor();
    expect(await s.page.evaluate("navigator.clipboard.readText()")).toBe(secret);
    await shoot("environment-key-created");

    expect(await initServer(secret)).toBe(200);
    expect(await initServer(`${secret.slice(0, -1)}x`)).toBe(401);

    await dialog.getByRole("button", { name: "I have copied it" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = staging.getByRole("row", { name: new RegExp(hintOf(secret)) });
    await row.getByText("Active").waitFor();
    expect(await row.getByText("Server", { exact: true }).count()).toBe(1);
    expect(await pageText()).not.toContain(secret);
  });

  it("rotates the key: the old secret is refused, the new one works", async () => {
    const staging = s.page.getByRole("region", { name: "Environment staging" });
    await staging.getByRole("button", { name: `Rotate ${hintOf(secret)}` }).click();
    const confirm = s.page.getByRole("dialog", { name: "Rotate this key?" });
    expect(await confirm.getByLabel("The old key").inputValue()).toBe("Stops at once");
    await confirm.getByRole("button", { name: "Rotate key" }).click();

    const dialog = s.page.getByRole("dialog", { name: "checkout-service rotated" });
    const rotated = await dialog.getByLabel("Secret of checkout-service").inputValue();
    expect(rotated).toMatch(/^fs_server_[0-9A-Za-z]{32}$/);
    expect(rotated).not.toBe(secret);
    await dialog.getByRole("button", { name: "I have copied it" }).click();
    await dialog.waitFor({ state: "hidden" });

    await until(async () => (await initServer(secret)) === 401, 3000, "the old key to be refused");
    expect(await initServer(rotated)).toBe(200);
    const oldRow = staging.getByRole("row", { name: new RegExp(hintOf(secret)) });
    await oldRow.getByText("Revoked").waitFor();
    expect(await oldRow.getByRole("button", { name: /Rotate|Revoke/ }).count()).toBe(0);
    await staging
      .getByRole("row", { name: new RegExp(hintOf(rotated)) })
      .getByText("Active")
      .waitFor();
    secret = rotated;
  });

  it("revokes the key after a confirmation: it is refused", async () => {
    const staging = s.page.getByRole("region", { name: "Environment staging" });
    await staging.getByRole("button", { name: `Revoke ${hintOf(secret)}` }).click();
    const confirm = s.page.getByRole("dialog", { name: "Revoke this key?" });
    await confirm.getByText(hintOf(secret)).waitFor();
    // Cancelling leaves the key working.
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "hidden" });
    expect(await initServer(secret)).toBe(200);

    await staging.getByRole("button", { name: `Revoke ${hintOf(secret)}` }).click();
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await confirm.waitFor({ state: "hidden" });
    const notice = s.page
      .getByRole("alert")
      .filter({ hasText: `checkout-service (${hintOf(secret)}) is revoked` });
    await notice.getByRole("button").click();
    await notice.waitFor({ state: "hidden" });
    await until(async () => (await initServer(secret)) === 401, 3000, "the key to be refused");
    const row = staging.getByRole("row", { name: new RegExp(hintOf(secret)) });
    await row.getByText("Revoked").waitFor();

    const listed = (await (
      await fetch(`${s.server.url}/api/v1/workspaces/default/environments/staging/sdk-keys`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).json()) as { active: boolean }[];
    expect(listed.map((k: { active: boolean }) => k.active)).toEqual([true, true, false, false]);
    expect(await pageText()).not.toContain(secret);
  });

  it("rotates with a grace period: the old key keeps working until it ends", async () => {
    const oldSecret = s.server.keys.production?.serverKey as string;
    const production = s.page.getByRole("region", { name: "Environment production" });
    await production.getByRole("button", { name: `Rotate ${hintOf(oldSecret)}` }).click();
    const confirm = s.page.getByRole("dialog", { name: "Rotate this key?" });
    await confirm.getByLabel("The old key").click();
    await s.page.getByRole("option", { name: "Keeps working for 1 hour" }).click();
    await confirm.getByRole("button", { name: "Rotate key" }).click();
    const dialog = s.page.getByRole("dialog", { name: "Server key rotated" });
    const rotated = await dialog.getByLabel("Secret of Server key").inputValue();
    await dialog.getByRole("button", { name: "I have copied it" }).click();
    await dialog.waitFor({ state: "hidden" });

    expect(await initServer(oldSecret)).toBe(200);
    expect(await initServer(rotated)).toBe(200);
    const oldRow = production.getByRole("row", { name: new RegExp(hintOf(oldSecret)) });
    await oldRow.getByText("Expiring").waitFor();
    // Already replaced: it can only be revoked now, not rotated again.
    expect(await oldRow.getByRole("button", { name: /Rotate/ }).count()).toBe(0);
    expect(await oldRow.getByRole("button", { name: /Revoke/ }).count()).toBe(1);
  });

  it("shows how to connect the SDKs to this server", async () => {
    const snippet = s.page.getByRole("region", { name: "Connect an SDK" });
    await snippet.getByLabel("Environment of the snippet").click();
    await s.page.getByRole("option", { name: "Staging" }).click();
    const code = snippet.locator("pre").first();
    await code.getByText("@flagsync/node-sdk").waitFor();
    const node = (await code.textContent()) ?? "";
    expect(node).toContain(`urls: { sdk: "${s.server.url}" }`);
    expect(node).toContain("a server key of staging, e.g. Server key (fs_server_");
    await snippet.getByRole("tab", { name: "Browser (client key)" }).click();
    const browserCode = snippet.getByRole("tabpanel").locator("pre");
    await browserCode.getByText("@flagsync/js-sdk").waitFor();
    expect(await browserCode.textContent()).toContain("a client key of staging");
    await snippet.getByRole("tab", { name: "Node.js (server key)" }).click();
    await s.page.evaluate("window.scrollTo(0, 0)");
    await shoot("environments");
    await shoot("environments-snippet", "Connect an SDK");
  });

  it("renames an environment and marks it as production; the flag page and saves follow", async () => {
    await s.page.goto(`${s.server.url}/environments`);
    const staging = s.page.getByRole("region", { name: "Environment staging" });
    await staging.getByRole("button", { name: "Edit" }).click();
    const dialog = s.page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText("Enter a name").waitFor();
    await dialog.getByLabel("Name").fill("Staging EU");
    await dialog.getByLabel("Production").check();
    await shoot("environment-edit");
    // Closing a changed form asks; staying keeps it.
    s.page.once("dialog", (d) => void d.dismiss());
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await dialog.getByLabel("Name").inputValue()).toBe("Staging EU");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    await staging.getByText("Production", { exact: true }).waitFor();
    await staging.getByRole("heading", { name: "Staging EU" }).waitFor();
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${s.server.url}/api/v1/workspaces/default${path}`, {
        method,
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(await call("GET", "/environments/staging")).toMatchObject({
      name: "Staging EU",
      production: true,
    });
    const log = (await call("GET", "/audit?limit=1")) as { entries: Record<string, unknown>[] };
    expect(log.entries[0]).toMatchObject({
      action: "environment.updated",
      before: { name: "Staging", production: false },
      after: { name: "Staging EU", production: true },
    });

    // The flag page marks the tab, and a save there asks for confirmation.
    await call("POST", "/flags", { key: "eu-banner", type: "boolean" });
    await s.page.getByRole("link", { name: "Flags" }).first().click();
    await s.page.getByRole("link", { name: "eu-banner" }).first().click();
    const tab = s.page.getByRole("tab", { name: /Staging EU/ });
    await tab.getByText("Production").waitFor();
    await tab.click();
    await s.page.getByRole("switch").click();
    await s.page.getByRole("button", { name: "Save staging" }).click();
    const confirm = s.page.getByRole("dialog");
    await confirm
      .getByText(/production/i)
      .first()
      .waitFor();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await s.page.getByRole("button", { name: "Discard changes" }).click();

    // Taking the marker away asks first.
    await s.page.getByRole("link", { name: "Environments" }).first().click();
    await staging.getByRole("button", { name: "Edit" }).click();
    await dialog.getByLabel("Production").uncheck();
    let asked = "";
    s.page.once("dialog", (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await dialog.getByRole("button", { name: "Save" }).click();
    await until(() => asked !== "", 5_000, "the question");
    expect(asked).toMatch(/Saves in Staging EU will no longer ask for confirmation/);
    expect(await call("GET", "/environments/staging")).toMatchObject({ production: true });
    s.page.once("dialog", (d) => void d.accept());
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await call("GET", "/environments/staging")).toMatchObject({ production: false });
    await s.page.setViewportSize({ width: 390, height: 844 });
    await shoot("environments-narrow");
    const width = (await s.page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(width).toBeLessThanOrEqual(390);
    await s.page.setViewportSize({ width: 1280, height: 800 });
  });

  it("says what SDK clients dropped, where the environment's keys are", async () => {
    const development = s.page.getByRole("region", { name: "Environment development" });
    await s.page.goto(`${s.server.url}/environments`);
    await development.getByText(/No SDK reported dropping/).waitFor();
    // Two clients of our Node SDK report full queues, as it does after a flush.
    for (const [clientId, impressions, events] of [
      ["client-one-0001", 1200, 3],
      ["client-two-0002", 34, 0],
    ] as const) {
      const response = await fetch(`${s.server.url}/v1/sdk/diagnostics/server`, {
        method: "POST",
        headers: {
          "x-ridgeline-key": s.server.keys.development?.serverKey as string,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          clientId,
          sdkName: "@flagsync-oss/sdk-node",
          sdkVersion: "0.1.0",
          dropped: { impressions, events },
        }),
      });
      expect(response.status).toBe(200);
    }
    await s.page.reload();
    const alert = development.getByRole("alert");
    await alert
      .getByText("SDKs dropped 1,234 impressions and 3 events in the last 7 days")
      .waitFor();
    await alert.getByText(/2 clients had a full queue/).waitFor();
    await alert
      .getByText(/@flagsync-oss\/sdk-node 0.1.0: 1,234 impressions, 3 events from 2 clients/)
      .waitFor();
    await shoot("environments-sdk-drops", "Development");
    await s.page.setViewportSize({ width: 390, height: 844 });
    await shoot("environments-sdk-drops-narrow", "Development");
    const width = (await s.page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(width).toBeLessThanOrEqual(390);
    await s.page.setViewportSize({ width: 1280, height: 800 });
  });

  it("logged no console errors", () => {
    expect(s.consoleErrors).toEqual([]);
  });
});
