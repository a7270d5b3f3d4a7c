import { beforeAll, describe, expect, it } from "vitest";
import { adminCall, browserSession } from "./support.js";

const s = browserSession();

beforeAll(async () => {
  for (const key of ["checkout-copy", "search-box"])
    await adminCall(s.server.url, "POST", "/flags", { key, type: "boolean" });
});

describe("dashboard: filters and tabs live in the URL", () => {
  it("keeps the flag search through a reload", async () => {
    await s.page.getByLabel("Search flags").fill("checkout");
    await s.page.waitForURL(/\/flags\?q=checkout$/);
    await s.page.reload();
    expect(await s.page.getByLabel("Search flags").inputValue()).toBe("checkout");
    await s.page.getByText("checkout-copy").first().waitFor();
    expect(await s.page.getByText("search-box").count()).toBe(0);
  });

  it("opens the events tab and environment the link names", async () => {
    await s.page.goto(`${s.server.url}/events?tab=catalog&env=production`);
    expect(await s.page.getByRole("tab", { name: "Catalog" }).getAttribute("aria-selected")).toBe(
      "true",
    );
    expect(await s.page.getByLabel("Environment", { exact: true }).first().inputValue()).toBe(
      "Production",
    );
    await s.page.getByRole("tab", { name: "Search" }).click();
    await s.page.waitForURL(/tab=search/);
    expect(new URL(s.page.url()).searchParams.get("env")).toBe("production");
    expect(s.consoleErrors).toEqual([]);
  });
});
