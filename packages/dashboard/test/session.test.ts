import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminCall,
  openBrowser,
  type ServerProcess,
  signIn,
  startServerProcess,
} from "./support.js";

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startServerProcess();
  ({ browser, context, page } = await openBrowser(consoleErrors));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("dashboard: the session across tabs, and page titles", () => {
  it("a new tab is signed in; signing out in one tab signs out the others", async () => {
    await signIn(page, server.url);
    expect(await page.title()).toBe("Flags · FlagSync");

    const other = await context.newPage();
    other.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await other.goto(`${server.url}/environments`);
    await other.getByRole("heading", { name: "Environments", exact: false }).first().waitFor();
    expect(await other.getByLabel("Admin token").count()).toBe(0);
    expect(await other.title()).toBe("Environments & keys · FlagSync");

    await other.getByRole("button", { name: "Sign out" }).click();
    await other.getByLabel("Admin token").waitFor();
    // The first tab hears it and shows the sign-in form too.
    await page.getByLabel("Admin token").waitFor();
    await other.close();
    expect(consoleErrors).toEqual([]);
  });

  it("titles a flag's page with its key", async () => {
    await signIn(page, server.url);
    const created = await adminCall(server.url, "POST", "/flags", {
      key: "titled-flag",
      type: "boolean",
    });
    expect(created.status).toBe(201);
    await page.goto(`${server.url}/flags/titled-flag`);
    await page.getByText("titled-flag").first().waitFor();
    expect(await page.title()).toBe("titled-flag · Flags · FlagSync");
  });
});
