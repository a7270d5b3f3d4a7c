// The flag page in Debian's Chromium against the real server: details and variants are a draft
// until saved, the history reads in sentences, and a flag under test shows its experiment and
// cannot be archived or deleted until it stops.
import type { Dialog } from "playwright-core";
import { describe, expect, it } from "vitest";
import { adminCall, adminOk, browserSession, screenshot } from "./support.js";

const s = browserSession({
  before: async (server) => {
    await adminOk(server.url, "POST", "/flags", {
      key: "button-copy",
      name: "Button copy",
      type: "string",
      variants: [
        { key: "register", value: "Register" },
        { key: "join", value: "Join now" },
      ],
      onVariant: "register",
      offVariant: "register",
    });
    await adminOk(server.url, "POST", "/metrics", {
      key: "signups",
      kind: "conversion",
      eventKey: "signup",
    });
    await adminOk(server.url, "POST", "/experiments", {
      key: "copy-test",
      flag: "button-copy",
      environment: "development",
      baseline: "register",
      variants: ["join"],
      primaryMetric: "signups",
    });
  },
});

const flag = () => adminOk(s.server.url, "GET", "/flags/button-copy");
const history = () => s.page.getByRole("list", { name: "Changes" });

describe("dashboard: the flag page", () => {
  it("edits name, description and variants as one draft, in words when wrong", async () => {
    await s.page.goto(`${s.server.url}/flags/button-copy`);
    await s.page.getByRole("heading", { name: "Button copy" }).waitFor();
    const details = s.page.getByRole("region", { name: "Details" });
    await details.getByLabel("Name").fill("Sign-up button copy");
    await details.getByLabel("Description").fill("The words on the sign-up button");
    await details.getByRole("button", { name: "Add variant" }).click();
    await details.getByLabel("Variant 3 key").fill("bold move");
    await details.getByLabel("Variant 3 value").fill("JOIN!");
    await details.getByText("Unsaved details").waitFor();
    await details.getByRole("button", { name: "Save details" }).click();
    // Checked in the form: no round trip, nothing saved.
    await details.getByText(/Start with a letter or digit.*no spaces/).waitFor();
    expect((await flag()).name).toBe("Button copy");

    // Leaving asks; staying keeps the draft.
    const asked = new Promise<string>((resolve) =>
      s.page.once("dialog", (d: Dialog) => {
        resolve(d.message());
        void d.dismiss();
      }),
    );
    await s.page.getByRole("link", { name: "Metrics" }).first().click();
    expect(await asked).toMatch(/details of button-copy are not saved/);
    expect(await details.getByLabel("Name").inputValue()).toBe("Sign-up button copy");

    await details.getByLabel("Variant 3 key").fill("bold");
    await screenshot(s.page, "flag-details-draft");
    await details.getByRole("button", { name: "Save details" }).click();
    await s.page.getByRole("heading", { name: "Sign-up button copy" }).waitFor();
    await details.getByText("Unsaved details").waitFor({ state: "detached" });
    const saved = await flag();
    expect(saved.description).toBe("The words on the sign-up button");
    expect(saved.variants.map((v: { key: string; value: unknown }) => [v.key, v.value])).toEqual([
      ["register", "Register"],
      ["join", "Join now"],
      ["bold", "JOIN!"],
    ]);
    await history().first().getByText('Added variant bold = "JOIN!"').waitFor();
    await history().first().getByText('Name: "Button copy" → "Sign-up button copy"').waitFor();
    await screenshot(s.page, "flag-history", "History");
  });

  it("warns when a variant's value is the SDKs' fallback \"control\"", async () => {
    const details = s.page.getByRole("region", { name: "Details" });
    expect(await details.getByText("SDK fallbacks look like a variant").count()).toBe(0);
    await details.getByLabel("Variant 3 value").fill("control");
    await details.getByRole("button", { name: "Save details" }).click();
    await details.getByText("SDK fallbacks look like a variant").waitFor();
    await details.getByText(/Variant "bold" has the value "control"/).waitFor();
    await details.getByLabel("Variant 3 value").fill("JOIN!");
    await details.getByRole("button", { name: "Save details" }).click();
    await details.getByText("SDK fallbacks look like a variant").waitFor({ state: "detached" });
  });

  it("refuses to remove a variant that is still served, saying where", async () => {
    const details = s.page.getByRole("region", { name: "Details" });
    await details.getByRole("button", { name: "Remove variant 1" }).click();
    await details.getByRole("button", { name: "Save details" }).click();
    await details.getByText(/variant "register" is still served in an environment/).waitFor();
    expect((await flag()).variants).toHaveLength(3);
    await details.getByRole("button", { name: "Discard" }).click();
    expect(await details.getByLabel("Variant 1 key").inputValue()).toBe("register");
  });

  it("shows the running experiment, and archive and delete are refused naming it", async () => {
    await adminOk(s.server.url, "POST", "/experiments/copy-test/start", {});
    await s.page.reload();
    const badge = s.page.getByRole("link", { name: "In experiment copy-test" });
    await badge.waitFor();
    await s.page.getByText("An experiment runs on this flag").waitFor();
    for (const action of ["Archive", "Delete"]) {
      await s.page.getByRole("button", { name: "More…" }).click();
      await s.page.getByRole("menuitem", { name: action }).click();
      const dialog = s.page.getByRole("dialog");
      await dialog.getByText("Experiment copy-test runs on this flag: stop it first.").waitFor();
      if (action === "Delete") await dialog.getByLabel("Flag key").fill("button-copy");
      await dialog.getByRole("button", { name: `${action} flag` }).click();
      await dialog
        .getByText(/cannot be (archived|deleted) while experiment "copy-test" runs on it/)
        .waitFor();
      await screenshot(s.page, `flag-${action.toLowerCase()}-refused`);
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "detached" });
    }
    expect((await flag()).archived).toBe(false);
    await screenshot(s.page, "flag-page-under-test");
    await s.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(s.page, "flag-page-under-test-narrow");
    const scroll = (await s.page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(scroll).toBeLessThanOrEqual(390);
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(s.page, "flag-page-1440");
    await badge.click();
    await s.page.waitForURL(/\/experiments\/copy-test$/);
  });

  it("archives, restores and deletes once the experiment stopped", async () => {
    await adminOk(s.server.url, "POST", "/experiments/copy-test/stop", {
      decision: "inconclusive",
    });
    await s.page.goto(`${s.server.url}/flags/button-copy`);
    await s.page.getByRole("heading", { name: "Sign-up button copy" }).waitFor();
    expect(await s.page.getByRole("link", { name: "In experiment copy-test" }).count()).toBe(0);

    await s.page.getByRole("button", { name: "More…" }).click();
    await s.page.getByRole("menuitem", { name: "Archive" }).click();
    await s.page.getByRole("dialog").getByRole("button", { name: "Archive flag" }).click();
    await s.page.getByText("This flag is archived").waitFor();
    expect((await flag()).archived).toBe(true);
    await history().first().getByText("Archived the flag").waitFor();
    await screenshot(s.page, "flag-archived");

    await s.page.getByRole("button", { name: "More…" }).click();
    await s.page.getByRole("menuitem", { name: "Restore" }).click();
    await s.page.getByRole("dialog").getByRole("button", { name: "Restore flag" }).click();
    await s.page.getByText("This flag is archived").waitFor({ state: "detached" });
    expect((await flag()).archived).toBe(false);

    await s.page.getByRole("button", { name: "More…" }).click();
    await s.page.getByRole("menuitem", { name: "Delete" }).click();
    const dialog = s.page.getByRole("dialog");
    const confirm = dialog.getByRole("button", { name: "Delete flag" });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Flag key").fill("button-copy");
    await confirm.click();
    await s.page.waitForURL(/\/flags$/);
    expect((await adminCall(s.server.url, "GET", "/flags/button-copy")).status).toBe(404);
    expect(s.consoleErrors.filter((e) => !/404|409/.test(e))).toEqual([]);
  });
});
