// The flag page keeps one draft per environment in Debian's Chromium against the real server:
// the on/off switch only changes the draft, one Save stores it with the rules, and leaving with
// unsaved changes (another environment's tab, another s.page, a reload) asks first.
import type { Dialog } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { adminOk, browserSession, screenshot, until } from "./support.js";

const admin = (method: string, path: string, body?: unknown) =>
  adminOk(s.server.url, method, path, body);

const shoot = (name: string, at?: string) => screenshot(s.page, name, at);

/** Answers the next dialog (accepting or dismissing it) and returns its kind and message. */
function answerNextDialog(accept: boolean): Promise<{ type: string; message: string }> {
  return new Promise((resolve) => {
    s.page.once("dialog", (dialog: Dialog) => {
      const seen = { type: dialog.type(), message: dialog.message() };
      void (accept ? dialog.accept() : dialog.dismiss()).then(() => resolve(seen));
    });
  });
}

/** Adds a rule "user key is one of `user`" in the open environment's draft. */
async function addRule(user: string) {
  await s.page.getByRole("button", { name: "Add rule" }).click();
  const values = s.page.getByRole("combobox", { name: "Rule 1 condition 1 values" });
  await values.fill(user);
  await values.press("Enter");
}

const s = browserSession({
  before: async () => {
    await admin("POST", "/flags", { key: "new-checkout", name: "New checkout", type: "boolean" });
  },
});

beforeAll(async () => {
  await s.page.goto(`${s.server.url}/flags/new-checkout`);
  await s.page.getByRole("heading", { name: "New checkout" }).waitFor();
});

describe("dashboard: the environment's draft", () => {
  it("switching on keeps the rules in the draft; one Save stores both", async () => {
    const before = (await admin("GET", "/flags/new-checkout")).environments.development;
    await addRule("vip-user");
    await s.page.getByRole("switch").click();
    await s.page.getByText("On: rules and rollout decide").waitFor();
    // Nothing reached the s.server, and the rule is still in the draft.
    expect((await admin("GET", "/flags/new-checkout")).environments.development.version).toBe(
      before.version,
    );
    expect(await s.page.getByLabel("Rule 1", { exact: true }).count()).toBe(1);
    await s.page.getByText("Unsaved changes").waitFor();
    await shoot("flag-draft");
    await s.page.setViewportSize({ width: 390, height: 844 });
    await shoot("flag-draft-narrow");
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await shoot("flag-draft-1440");

    const audit = (await admin("GET", "/flags/new-checkout/audit")).entries.length;
    await s.page.getByRole("button", { name: "Save development" }).click();
    await s.page.getByText("Saved new-checkout in development").waitFor();
    const saved = (await admin("GET", "/flags/new-checkout")).environments.development;
    expect(saved.enabled).toBe(true);
    expect(saved.rules).toMatchObject([{ clauses: [{ values: ["vip-user"] }] }]);
    expect((await admin("GET", "/flags/new-checkout/audit")).entries.length).toBe(audit + 1);
  });

  it("Discard resets the switch with the rest of the draft", async () => {
    await s.page.getByRole("switch").click();
    await s.page.getByText("Off: everyone gets the off variant").waitFor();
    await s.page.getByRole("button", { name: "Discard changes" }).click();
    await s.page.getByText("On: rules and rollout decide").waitFor();
  });

  it("asks before another environment's tab drops the draft", async () => {
    await s.page.getByRole("switch").click();
    let answered = answerNextDialog(false);
    await s.page.getByRole("tab", { name: /Production/ }).click();
    expect(await answered).toEqual({
      type: "confirm",
      message: "Your changes to new-checkout in development are not saved. Discard them?",
    });
    await s.page.getByText("Off: everyone gets the off variant").waitFor();
    expect(await s.page.getByRole("button", { name: "Save development" }).count()).toBe(1);

    answered = answerNextDialog(true);
    await s.page.getByRole("tab", { name: /Production/ }).click();
    await answered;
    await s.page.getByRole("button", { name: "Save production" }).waitFor();
    // Back: the development draft was dropped, the saved state shows.
    await s.page.getByRole("tab", { name: /Development/ }).click();
    await s.page.getByText("On: rules and rollout decide").waitFor();
  });

  it("asks before a link to another page drops the draft", async () => {
    await s.page.getByRole("switch").click();
    let answered = answerNextDialog(false);
    await s.page.getByRole("link", { name: "Flags" }).first().click();
    expect((await answered).type).toBe("confirm");
    expect(new URL(s.page.url()).pathname).toBe("/flags/new-checkout");
    await s.page.getByText("Off: everyone gets the off variant").waitFor();

    answered = answerNextDialog(true);
    await s.page.getByRole("link", { name: "Flags" }).first().click();
    await answered;
    await s.page.getByRole("heading", { name: "Flags", exact: true }).waitFor();
    expect(new URL(s.page.url()).pathname).toBe("/flags");
  });

  it("asks before the browser's Back or Forward drops the draft", async () => {
    const openFlag = async () => {
      await s.page
        .getByRole("row", { name: /New checkout/ })
        .getByRole("link")
        .first()
        .click();
      await s.page.getByRole("heading", { name: "New checkout" }).waitFor();
    };
    const path = () => new URL(s.page.url()).pathname;
    // Moved through history from the page (Playwright's goBack waits for a navigation that a
    // refused move never finishes).
    // Back: refused, the address and the draft stay; accepted, the list is shown.
    await openFlag();
    await s.page.getByRole("switch").click();
    await s.page.getByText("Off: everyone gets the off variant").waitFor();
    let answered = answerNextDialog(false);
    await s.page.evaluate("history.back()");
    expect((await answered).message).toMatch(/not saved\. Discard them\?/);
    await s.page.waitForTimeout(200);
    expect(path()).toBe("/flags/new-checkout");
    await s.page.getByText("Off: everyone gets the off variant").waitFor();
    answered = answerNextDialog(true);
    await s.page.evaluate("history.back()");
    await answered;
    await s.page.getByRole("heading", { name: "Flags", exact: true }).waitFor();
    expect(path()).toBe("/flags");

    // Forward: the flag page, another page, Back to the flag page, a draft, then Forward.
    const saved = (await admin("GET", "/flags/new-checkout")).environments.development;
    await openFlag();
    await s.page.getByRole("link", { name: "Events" }).first().click();
    await s.page.waitForURL(/\/events/);
    await s.page.evaluate("history.back()");
    await s.page.getByRole("heading", { name: "New checkout" }).waitFor();
    await s.page.getByRole("switch").click();
    answered = answerNextDialog(false);
    await s.page.evaluate("history.forward()");
    expect((await answered).type).toBe("confirm");
    await s.page.waitForTimeout(200);
    expect(path()).toBe("/flags/new-checkout");
    await s.page.getByRole("button", { name: "Discard changes" }).isEnabled();
    answered = answerNextDialog(true);
    await s.page.evaluate("history.forward()");
    await answered;
    await s.page.waitForURL(/\/events/);
    // Nothing was saved on the way; back on the list for the next test.
    expect((await admin("GET", "/flags/new-checkout")).environments.development).toEqual(saved);
    await s.page.getByRole("link", { name: "Flags" }).first().click();
    await s.page.getByRole("heading", { name: "Flags", exact: true }).waitFor();
  });

  it("asks before a reload drops the draft", async () => {
    await s.page
      .getByRole("row", { name: /New checkout/ })
      .getByRole("link")
      .first()
      .click();
    await s.page.getByRole("heading", { name: "New checkout" }).waitFor();
    await s.page.getByRole("switch").click();
    await s.page.getByText("Off: everyone gets the off variant").waitFor();
    const answered = answerNextDialog(false);
    await s.page.evaluate("location.reload()");
    expect((await answered).type).toBe("beforeunload");
    await s.page.waitForTimeout(300);
    // Stayed: the draft is still there.
    await s.page.getByText("Off: everyone gets the off variant").waitFor();
    // Once saved, nothing is asked.
    await s.page.getByRole("button", { name: "Save development" }).click();
    await s.page.getByText("Saved new-checkout in development").last().waitFor();
    let asked = false;
    s.page.once("dialog", (dialog) => {
      asked = true;
      void dialog.accept();
    });
    await until(
      async () => await s.page.getByRole("button", { name: "Discard changes" }).isDisabled(),
      5_000,
      "the draft to be clean",
    );
    await s.page.reload();
    await s.page.getByRole("heading", { name: "New checkout" }).waitFor();
    expect(asked).toBe(false);
  });

  it("asks before saving in production; cancel keeps the draft; the comment reaches the history", async () => {
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await s.page.getByRole("tab", { name: /Production/ }).click();
    await s.page.getByRole("button", { name: "Save production" }).waitFor();
    const before = (await admin("GET", "/flags/new-checkout")).environments.production;
    await addRule("beta-tester");
    await s.page.getByRole("switch").click();
    await s.page.getByRole("button", { name: "Save production" }).click();
    const confirm = s.page.getByRole("dialog", { name: "Save new-checkout in production?" });
    await confirm.waitFor();
    await shoot("production-confirm-1440");
    await s.page.setViewportSize({ width: 390, height: 844 });
    await shoot("production-confirm-narrow");
    await s.page.setViewportSize({ width: 1440, height: 900 });

    // Cancel: nothing is saved, the draft stays.
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "detached" });
    expect((await admin("GET", "/flags/new-checkout")).environments.production.version).toBe(
      before.version,
    );
    await s.page.getByText("On: rules and rollout decide").waitFor();
    expect(await s.page.getByLabel("Rule 1", { exact: true }).count()).toBe(1);

    await s.page.getByRole("button", { name: "Save production" }).click();
    await confirm.getByLabel("Comment (optional)").fill("Beta testers first, per the launch plan");
    await confirm.getByRole("button", { name: "Save to production" }).click();
    await s.page.getByText("Saved new-checkout in production").waitFor();
    await confirm.waitFor({ state: "detached" });
    const saved = (await admin("GET", "/flags/new-checkout")).environments.production;
    expect(saved.enabled).toBe(true);
    expect(saved.rules).toMatchObject([{ clauses: [{ values: ["beta-tester"] }] }]);
    const [entry] = (await admin("GET", "/flags/new-checkout/audit")).entries;
    expect(entry).toMatchObject({
      action: "flag.state.updated",
      environmentKey: "production",
      comment: "Beta testers first, per the launch plan",
    });
    await s.page.getByText("“Beta testers first, per the launch plan”").waitFor();
    await shoot("flag-history-comment", "History");
  });

  it("keeps a draft when another tab saves meanwhile; saving it reports the conflict", async () => {
    await s.page.getByRole("switch").click();
    await s.page.getByText("Off: everyone gets the off variant").waitFor();
    await admin("PATCH", "/flags/new-checkout/environments/production", { onVariant: "off" });
    // The page refetches on focus and after 5 s; the draft stays either way.
    await s.page.evaluate("window.dispatchEvent(new Event('focus'))");
    await s.page.waitForTimeout(500);
    await s.page.getByText("Off: everyone gets the off variant").waitFor();
    await s.page.getByRole("button", { name: "Save production" }).click();
    const confirm = s.page.getByRole("dialog", { name: "Save new-checkout in production?" });
    await confirm.getByRole("button", { name: "Save to production" }).click();
    await s.page.getByText(/The state changed since version/).waitFor();
    expect((await admin("GET", "/flags/new-checkout")).environments.production.enabled).toBe(true);
    // Chromium logs the refused save itself (a 409 response).
    expect(s.consoleErrors.splice(0)).toEqual([
      "Failed to load resource: the server responded with a status of 409 (Conflict)",
    ]);
  });

  it("logged no console errors", () => {
    expect(s.consoleErrors).toEqual([]);
  });
});
