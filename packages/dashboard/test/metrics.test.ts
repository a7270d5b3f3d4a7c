import { describe, expect, it } from "vitest";
import { adminOk, browserSession, screenshot, trackAll, until } from "./support.js";

const DAY = 86_400_000;

const s = browserSession({
  before: async () => {
    // Page loads over the last 3 days from 12 users, some on the pro plan.
    const now = Date.now();
    const events = Array.from({ length: 90 }, (_, i) => ({
      eventKey: "page_load_time",
      value: 800 + (i % 10) * 50,
      properties: { plan: i % 2 === 0 ? "pro" : "free" },
      context: { key: `user-${i % 12}` },
      timestamp: new Date(now - (i % 3) * DAY - 60_000).toISOString(),
    }));
    expect((await trackAll(s.server, "/track/events/server", { events })).accepted).toBe(90);
  },
});

/** A screenshot of the window (1280×800 unless resized). */
const shoot = (name: string, at?: string) => screenshot(s.page, name, at);

describe("dashboard: metrics", () => {
  it("defines an average metric with a filter and a 7-day preview; a refused filter shows at its field", async () => {
    await s.page.getByRole("link", { name: "Metrics" }).click();
    await s.page.getByText("No metrics yet.", { exact: false }).waitFor();
    await s.page.getByRole("button", { name: "Create metric" }).click();
    const dialog = s.page.getByRole("dialog", { name: "Create a metric" });
    await dialog.getByLabel(/^Key/).fill("avg-page-load");
    await dialog.getByLabel("Name").fill("Average page load time");
    await dialog.getByText("Average", { exact: true }).click();
    await dialog.getByLabel(/^Event/).fill("page_load_time");
    await dialog.getByText("Decreases", { exact: true }).click();
    await dialog.getByRole("button", { name: "Add filter" }).click();
    await dialog.getByLabel("Filter 1 property").fill("plan");
    await dialog.getByLabel("Filter 1 operator").click();
    await s.page.getByRole("option", { name: ">", exact: true }).click();
    await dialog.getByLabel("Filter 1 value").fill("pro");
    await dialog.getByRole("button", { name: "Create metric" }).click();
    await dialog.getByText("gt compares with a number").first().waitFor();
    expect((await adminOk(s.server.url, "GET", "/metrics")).metrics).toEqual([]);

    await dialog.getByLabel("Filter 1 operator").click();
    await s.page.getByRole("option", { name: "equals", exact: true }).click();
    // The preview: 3 days with pro-plan page loads (user-0, 3, 6, 9 on each day).
    const preview = dialog.getByLabel("Preview");
    await until(
      async () => (await preview.locator(".recharts-bar-rectangle path").count()) === 3,
      15_000,
      "a bar for each of the 3 days with pro-plan page loads",
    );
    await shoot("metric-form");
    // Chromium logs the refused requests themselves (the save and the preview of `> "pro"`).
    expect(s.consoleErrors.length).toBeGreaterThan(0);
    expect(s.consoleErrors.filter((e) => !e.includes("status of 400 (Bad Request)"))).toEqual([]);
    s.consoleErrors.length = 0;
    await dialog.getByRole("button", { name: "Create metric" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = s.page
      .getByRole("table", { name: "Metrics" })
      .getByRole("row", { name: /Average page load time/ });
    await row.waitFor();
    await row.getByText('plan equals "pro"').waitFor();
    await row.getByText("decreases").waitFor();
    await shoot("metrics");

    const saved = await adminOk(s.server.url, "GET", "/metrics/avg-page-load");
    expect(saved).toMatchObject({
      kind: "average",
      eventKey: "page_load_time",
      valuePath: null,
      direction: "decrease",
      filters: [{ property: "plan", operator: "equals", value: "pro" }],
    });
  });

  it("edits a metric", async () => {
    const row = s.page.getByRole("row", { name: /Average page load time/ });
    await row.getByRole("button", { name: "Edit" }).click();
    const dialog = s.page.getByRole("dialog", { name: "Edit avg-page-load" });
    await dialog.getByLabel("Name").fill("Page load time (pro)");
    await dialog.getByRole("button", { name: "Save metric" }).click();
    await s.page.getByRole("row", { name: /Page load time \(pro\)/ }).waitFor();
  });

  it("logged no console errors", () => {
    expect(s.consoleErrors).toEqual([]);
  });
});
