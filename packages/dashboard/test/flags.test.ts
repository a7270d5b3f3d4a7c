// The dashboard in Debian's Chromium against the real server: sign in, create a flag with three
// variants, add a rule and a 34/33/33 rollout (a rollout not totalling 100 is refused first and
// nothing is saved), toggle it and see a connected @flagsync/node-sdk client follow.
import { createRequire } from "node:module";
import type * as NodeSdk from "@flagsync/node-sdk";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, adminCall, browserSession, screenshot, until } from "./support.js";

const require = createRequire(import.meta.url);
type NodeClient = ReturnType<ReturnType<typeof NodeSdk.FlagSyncFactory>["client"]>;

const admin = (method: string, path: string, body?: unknown) =>
  adminCall(s.server.url, method, path, body);

/** A screenshot of the window (1280×800 unless resized). */
const shoot = (name: string, at?: string) => screenshot(s.page, name, at);

const s = browserSession({
  signIn: false,
});

describe("dashboard: flags", () => {
  it("refuses a wrong token, then signs in and shows the empty flag list", async () => {
    await s.page.goto(s.server.url);
    await s.page.getByLabel("Email").waitFor();
    await shoot("sign-in");
    await s.page.getByRole("button", { name: "Use an admin token" }).click();
    await s.page.getByLabel("Admin token").waitFor();
    await s.page.getByLabel("Admin token").fill("fs_admin_wrong-token-0000000000");
    await s.page.getByRole("button", { name: "Sign in" }).click();
    await s.page.getByText("This token is not valid").waitFor();
    // Chromium logs the refused check itself (a 401 response); nothing else may be logged.
    expect(s.consoleErrors).toEqual([
      "Failed to load resource: the server responded with a status of 401 (Unauthorized)",
    ]);
    s.consoleErrors.length = 0;
    // By keyboard: the token field has the focus, Enter submits.
    await s.page.getByLabel("Admin token").clear();
    await s.page.keyboard.type(ADMIN_TOKEN);
    await s.page.keyboard.press("Enter");
    await s.page.getByText("No flags yet. Create the first one.").waitFor();
    expect(new URL(s.page.url()).pathname).toBe("/flags");
    await shoot("flags-empty");
  });

  it("creates a flag with three variants; a bad key is told in words before any request", async () => {
    await s.page.getByRole("button", { name: "Create flag" }).click();
    const dialog = s.page.getByRole("dialog", { name: "Create a flag" });
    await dialog.getByLabel(/^Key/).fill("Bad Key!");
    await dialog.getByLabel("Variant 1 key").fill("register");
    await dialog.getByLabel("Variant 1 value").fill("Register");
    await dialog.getByLabel("Variant 2 key").fill("join-now");
    await dialog.getByLabel("Variant 2 value").fill("Join Now");
    await dialog.getByRole("button", { name: "Add variant" }).click();
    await dialog.getByLabel("Variant 3 key").fill("sign-up");
    await dialog.getByLabel("Variant 3 value").fill("Sign Up");
    await dialog.getByRole("button", { name: "Create flag" }).click();
    // Checked in the form, in words, under the key field: no request was sent.
    const keyField = dialog.getByLabel(/^Key/);
    await until(
      async () => (await keyField.getAttribute("aria-invalid")) === "true",
      15_000,
      "the key field to show what a key must be",
    );
    await dialog.getByText("Start with a letter or digit", { exact: false }).waitFor();
    await shoot("create-flag-error");
    expect(s.consoleErrors).toEqual([]);
    expect((await admin("GET", "/flags")).body.flags).toHaveLength(0);

    await keyField.fill("register-button-copy");
    await dialog.getByLabel("Name", { exact: true }).fill("Register button copy");
    const tags = dialog.getByRole("combobox", { name: "Tags" });
    await tags.fill("team:growth");
    await tags.press("Enter");
    await dialog.getByRole("button", { name: "Create flag" }).click();
    await s.page.getByRole("heading", { name: "Register button copy" }).waitFor();
    expect(new URL(s.page.url()).pathname).toBe("/flags/register-button-copy");
    const flag = (await admin("GET", "/flags/register-button-copy")).body;
    expect(flag.variants.map((v: { key: string; value: unknown }) => [v.key, v.value])).toEqual([
      ["register", "Register"],
      ["join-now", "Join Now"],
      ["sign-up", "Sign Up"],
    ]);
    expect(flag.tags).toEqual(["team:growth"]);
    // Tags edited on the flag page; a bad one is refused next to the field.
    const pageTags = s.page.getByRole("combobox", { name: "Tags" });
    await pageTags.fill("has space");
    await pageTags.press("Enter");
    await s.page.getByRole("button", { name: "Save tags" }).click();
    await s.page.getByText("must start with a letter or digit", { exact: false }).waitFor();
    expect(s.consoleErrors).toEqual([
      "Failed to load resource: the server responded with a status of 400 (Bad Request)",
    ]);
    s.consoleErrors.length = 0;
    await pageTags.press("Backspace"); // in an empty field, Backspace removes the last chip
    await pageTags.fill("copy-test");
    await pageTags.press("Enter");
    await s.page.getByRole("button", { name: "Save tags" }).click();
    await s.page.getByText("Saved the tags of register-button-copy").waitFor();
    expect((await admin("GET", "/flags/register-button-copy")).body.tags).toEqual([
      "team:growth",
      "copy-test",
    ]);
    await shoot("flag-page");
  });

  it("refuses a rollout not totalling 100 before saving; saves a rule and 34/33/33; the SDK follows the toggle", async () => {
    const sdk = require("@flagsync/node-sdk") as typeof NodeSdk;
    const client: NodeClient = sdk
      .FlagSyncFactory({
        sdkKey: s.server.keys.development?.serverKey as string,
        urls: { sdk: s.server.url },
        sync: { type: "stream" },
        logLevel: "NONE",
      })
      .client();
    try {
      await client.waitForReadyCanThrow();
      const vip = { key: "vip-user" };
      const offValue = client.flag(vip, "register-button-copy");
      const before = (await admin("GET", "/flags/register-button-copy")).body.environments
        .development;

      // A rule: user key is one of vip-user → Sign Up.
      await s.page.getByRole("button", { name: "Add rule" }).click();
      const values = s.page.getByRole("combobox", { name: "Rule 1 condition 1 values" });
      await values.fill("vip-user");
      await values.press("Enter");
      await s.page.getByLabel("Rule 1 variant").first().click();
      await s.page.getByRole("option", { name: "sign-up" }).click();

      // A rollout that totals 97: the page says so and nothing reaches the s.server.
      await s.page.getByLabel("Percentage rollout for everyone no rule matched").check();
      await s.page.getByLabel("Rollout register").fill("34");
      await s.page.getByLabel("Rollout join-now").fill("33");
      await s.page.getByLabel("Rollout sign-up").fill("30");
      await s.page.getByText("Total 97% — percentages must total 100").waitFor();
      await s.page.getByRole("button", { name: "Save development" }).click();
      await s.page.getByText("Percentages must total 100 (they total 97)").waitFor();
      await shoot("flag-rollout-error", "Targeting rules");
      const unchanged = (await admin("GET", "/flags/register-button-copy")).body.environments
        .development;
      expect(unchanged.version).toBe(before.version);
      expect(unchanged.rules).toEqual([]);
      expect(unchanged.rollout).toEqual([]);

      await s.page.getByLabel("Rollout sign-up").fill("33");
      await s.page.getByText("Total 100%").waitFor();
      await s.page.getByRole("button", { name: "Save development" }).click();
      await s.page.getByText("Saved register-button-copy in development").waitFor();
      const saved = (await admin("GET", "/flags/register-button-copy")).body.environments
        .development;
      expect(saved.rules).toMatchObject([
        {
          variant: "sign-up",
          clauses: [{ attribute: "KEY", operator: "IOO", values: ["vip-user"] }],
        },
      ]);
      expect(saved.rollout).toEqual([
        { variant: "register", percentage: 34 },
        { variant: "join-now", percentage: 33 },
        { variant: "sign-up", percentage: 33 },
      ]);
      expect(saved.enabled).toBe(false);
      // Still off: the SDK serves the off variant to everyone.
      expect(client.flag(vip, "register-button-copy")).toBe(offValue);

      // On: the connected SDK follows over its stream, the rule first.
      await s.page.getByRole("switch").click();
      await s.page.getByRole("button", { name: "Save development" }).click();
      await s.page.getByText("Saved register-button-copy in development").last().waitFor();
      await until(
        () => client.flag(vip, "register-button-copy") === "Sign Up",
        10_000,
        "the SDK to serve Sign Up to vip-user",
      );
      const served = new Set(
        Array.from({ length: 300 }, (_, i) =>
          client.flag({ key: `user-${i}` }, "register-button-copy"),
        ),
      );
      expect([...served].sort()).toEqual(["Join Now", "Register", "Sign Up"]);
      await shoot("flag-on");
      await shoot("flag-history", "History");

      // The history lists the changes made from the s.page.
      const audit = (await admin("GET", "/flags/register-button-copy/audit")).body.entries;
      expect(audit.length).toBeGreaterThanOrEqual(3);
    } finally {
      client.destroy();
    }
  });

  it("lists the flag with its status per environment, at 1280×800 and in a narrow window", async () => {
    await s.page.getByRole("link", { name: "Flags" }).first().click();
    const row = s.page.getByRole("row", { name: /Register button copy/ });
    await row.waitFor();
    // The list may show its cached page for a moment before the refetch after the toggle.
    await row.getByText("On", { exact: true }).waitFor();
    expect(await row.getByText("On", { exact: true }).count()).toBe(1);
    expect(await row.getByText("Off", { exact: true }).count()).toBe(1);
    await s.page.getByLabel("Search flags").fill("nothing-like-this");
    await s.page.getByText("No flag matches “nothing-like-this”.").waitFor();
    await s.page.getByLabel("Search flags").fill("register");
    await row.waitFor();
    await row.getByText("copy-test", { exact: true }).waitFor();
    await s.page.getByLabel("Tag", { exact: true }).fill("team:web");
    await s.page.getByText("No flag matches “register” with the tag team:web.").waitFor();
    await s.page.getByLabel("Tag", { exact: true }).fill("team:growth");
    await row.waitFor();
    await shoot("flags");
    await s.page.setViewportSize({ width: 390, height: 844 });
    await shoot("flags-narrow");
    await s.page.getByLabel("Navigation").click();
    await shoot("navigation-narrow");
    await s.page.setViewportSize({ width: 1280, height: 800 });
  });

  it("logged no console errors", () => {
    expect(s.consoleErrors).toEqual([]);
  });
});
