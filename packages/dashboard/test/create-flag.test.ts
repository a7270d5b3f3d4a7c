import { describe, expect, it } from "vitest";
import { adminCall, browserSession, screenshot } from "./support.js";

const s = browserSession();

describe("dashboard: creating a flag", () => {
  it("derives the key from the name and lets the user choose the on and off variants", async () => {
    await s.page.getByRole("button", { name: "Create flag" }).click();
    const dialog = s.page.getByRole("dialog", { name: "Create a flag" });
    await dialog.getByLabel("Name", { exact: true }).fill("Checkout Button Colour");
    expect(await dialog.getByLabel(/^Key/).inputValue()).toBe("checkout-button-colour");
    await dialog.getByLabel("Variant 1 key").fill("blue");
    await dialog.getByLabel("Variant 1 value").fill("#0000ff");
    await dialog.getByLabel("Variant 2 key").fill("green");
    await dialog.getByLabel("Variant 2 value").fill("#00ff00");
    await dialog.getByLabel("Served when on", { exact: true }).click();
    await s.page.getByRole("option", { name: "green" }).click();
    await dialog.getByLabel("Served when off", { exact: true }).click();
    await s.page.getByRole("option", { name: "blue" }).click();
    await screenshot(s.page, "create-flag-variants");
    await dialog.getByRole("button", { name: "Create flag" }).click();
    await s.page.getByRole("heading", { name: "Checkout Button Colour" }).waitFor();
    const flag = (await adminCall(s.server.url, "GET", "/flags/checkout-button-colour")).body;
    const development = flag.environments.development;
    expect([development.onVariant, development.offVariant]).toEqual(["green", "blue"]);
    expect(s.consoleErrors).toEqual([]);
  });

  it("keeps a key typed by hand when the name changes", async () => {
    await s.page.goto(`${s.server.url}/flags`);
    await s.page.getByRole("button", { name: "Create flag" }).click();
    const dialog = s.page.getByRole("dialog", { name: "Create a flag" });
    await dialog.getByLabel(/^Key/).fill("my-own-key");
    await dialog.getByLabel("Name", { exact: true }).fill("Something else");
    expect(await dialog.getByLabel(/^Key/).inputValue()).toBe("my-own-key");
  });
});
