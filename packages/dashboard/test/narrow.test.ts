import { beforeAll, describe, expect, it } from "vitest";
import { adminCall, browserSession, screenshot } from "./support.js";

const s = browserSession();

beforeAll(async () => {
  const call = (method: string, path: string, body?: unknown) =>
    adminCall(s.server.url, method, path, body);
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
  await s.page.setViewportSize({ width: 390, height: 844 });
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
      await s.page.goto(`${s.server.url}${path}`);
      await s.page.getByText(text, { exact: false }).first().waitFor();
      await s.page.waitForTimeout(300);
      const overflow = (await s.page.evaluate("document.documentElement.scrollWidth")) as number;
      await screenshot(s.page, `narrow-${name}`);
      expect(overflow, `the ${name} page is ${overflow} px wide`).toBeLessThanOrEqual(390);
    },
  );

  it("follows the system's dark setting", async () => {
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await s.page.emulateMedia({ colorScheme: "dark" });
    for (const [name, path, text] of [
      ["flags", "/flags", "A rather long flag name"],
      ["flag", "/flags/a-rather-long-flag-key-for-narrow-screens", "Targeting rules"],
      ["experiment", "/experiments/narrow-test", "Not enough data yet"],
    ] as const) {
      await s.page.goto(`${s.server.url}${path}`);
      await s.page.getByText(text, { exact: false }).first().waitFor();
      expect(await s.page.getAttribute("html", "data-mantine-color-scheme")).toBe("dark");
      await screenshot(s.page, `dark-${name}`);
    }
    await s.page.emulateMedia({ colorScheme: "light" });
    await s.page.reload();
    await s.page.getByText("Not enough data yet").waitFor();
    expect(await s.page.getAttribute("html", "data-mantine-color-scheme")).toBe("light");
  });

  it("logged no console errors", () => {
    expect(s.consoleErrors).toEqual([]);
  });
});
