import { describe, expect, it } from "vitest";
import { adminCall, browserSession, signIn } from "./support.js";

const s = browserSession({
  signIn: false,
});

describe("dashboard: the session across tabs, and page titles", () => {
  it("a new tab is signed in; signing out in one tab signs out the others", async () => {
    await signIn(s.page, s.server.url);
    expect(await s.page.title()).toBe("Flags · FlagSync");

    const other = await s.context.newPage();
    other.on("console", (message) => {
      if (message.type() === "error") s.consoleErrors.push(message.text());
    });
    await other.goto(`${s.server.url}/environments`);
    await other.getByRole("heading", { name: "Environments", exact: false }).first().waitFor();
    expect(await other.getByLabel("Admin token").count()).toBe(0);
    expect(await other.title()).toBe("Environments & keys · FlagSync");

    await other.getByRole("button", { name: "Sign out" }).click();
    await other.getByLabel("Email").waitFor();
    // The first tab hears it and shows the sign-in form too.
    await s.page.getByLabel("Email").waitFor();
    await other.close();
    expect(s.consoleErrors).toEqual([]);
  });

  it("titles a flag's page with its key", async () => {
    await signIn(s.page, s.server.url);
    const created = await adminCall(s.server.url, "POST", "/flags", {
      key: "titled-flag",
      type: "boolean",
    });
    expect(created.status).toBe(201);
    await s.page.goto(`${s.server.url}/flags/titled-flag`);
    await s.page.getByText("titled-flag").first().waitFor();
    expect(await s.page.title()).toBe("titled-flag · Flags · FlagSync");
  });
});
