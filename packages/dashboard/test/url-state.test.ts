import type { Browser, Page } from "playwright-core";
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
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startServerProcess();
  ({ browser, page } = await openBrowser(consoleErrors));
  await signIn(page, server.url);
  for (const key of ["checkout-copy", "search-box"])
    await adminCall(server.url, "POST", "/flags", { key, type: "boolean" });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("dashboard: filters and tabs live in the URL", () => {
  it("keeps the flag search through a reload", async () => {
    await page.getByLabel("Search flags").fill("checkout");
    await page.waitForURL(/\/flags\?q=checkout$/);
    await page.reload();
    expect(await page.getByLabel("Search flags").inputValue()).toBe("checkout");
    await page.getByText("checkout-copy").first().waitFor();
    expect(await page.getByText("search-box").count()).toBe(0);
  });

  it("opens the events tab and environment the link names", async () => {
    await page.goto(`${server.url}/events?tab=catalog&env=production`);
    expect(await page.getByRole("tab", { name: "Catalog" }).getAttribute("aria-selected")).toBe(
      "true",
    );
    expect(await page.getByLabel("Environment", { exact: true }).first().inputValue()).toBe(
      "Production",
    );
    await page.getByRole("tab", { name: "Search" }).click();
    await page.waitForURL(/tab=search/);
    expect(new URL(page.url()).searchParams.get("env")).toBe("production");
    expect(consoleErrors).toEqual([]);
  });
});
