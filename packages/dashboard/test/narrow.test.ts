import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminCall,
  openBrowser,
  type ServerProcess,
  screenshot,
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
  const call = (method: string, path: string, body?: unknown) =>
    adminCall(server.url, method, path, body);
  await call("POST", "/flags", {
    key: "a-rather-long-flag-key-for-narrow-screens",
    name: "A rather long flag name for narrow screens",
    type: "string",
    variants: [
      { key: "control", value: "Register" },
      { key: "treatment", value: "Join now" },
    ],
    tags: ["team:growth", "area:checkout"],
  });
  await call("POST", "/metrics", { key: "narrow-rate", kind: "conversion", eventKey: "buy" });
  await call("POST", "/experiments", {
    key: "narrow-test",
    flag: "a-rather-long-flag-key-for-narrow-screens",
    environment: "development",
    baseline: "control",
    primaryMetric: "narrow-rate",
  });
  await call("POST", "/experiments/narrow-test/start", {});
  await page.setViewportSize({ width: 390, height: 844 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("dashboard at 390 px", () => {
  it.each([
    ["flags", "/flags", "Flags"],
    ["flag", "/flags/a-rather-long-flag-key-for-narrow-screens", "A rather long flag name"],
    ["environments", "/environments", "Production"],
    ["events", "/events", "Live"],
    ["metrics", "/metric-definitions", "narrow-rate"],
    ["experiments", "/experiments", "narrow-test"],
    ["experiment", "/experiments/narrow-test", "Not enough data yet"],
    ["audit", "/audit", "Audit log"],
  ])(
    "%s: nothing sticks out of the window; wide tables scroll in their card",
    async (name, path, text) => {
      await page.goto(`${server.url}${path}`);
      await page.getByText(text, { exact: false }).first().waitFor();
      await page.waitForTimeout(300);
      const overflow = (await page.evaluate("document.documentElement.scrollWidth")) as number;
      await screenshot(page, `narrow-${name}`);
      expect(overflow, `the ${name} page is ${overflow} px wide`).toBeLessThanOrEqual(390);
    },
  );

  it("follows the system's dark setting", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: "dark" });
    for (const [name, path, text] of [
      ["flags", "/flags", "A rather long flag name"],
      ["flag", "/flags/a-rather-long-flag-key-for-narrow-screens", "Targeting rules"],
      ["experiment", "/experiments/narrow-test", "Not enough data yet"],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByText(text, { exact: false }).first().waitFor();
      expect(await page.getAttribute("html", "data-mantine-color-scheme")).toBe("dark");
      await screenshot(page, `dark-${name}`);
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.reload();
    await page.getByText("Not enough data yet").waitFor();
    expect(await page.getAttribute("html", "data-mantine-color-scheme")).toBe("light");
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
