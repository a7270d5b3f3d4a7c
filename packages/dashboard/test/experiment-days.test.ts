// The cumulative chart over several days: one point per UTC day, each at the lift of the users
// exposed by the end of that day (checked against the API's daily figures).
import { describe, expect, it } from "vitest";
import { adminOk, browserSession, screenshot, trackAll } from "./support.js";

const DAY = 86_400_000;
const s = browserSession();

describe("dashboard: an experiment over several days", () => {
  it("draws the cumulative lift as a line with a point per day", async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      adminOk(s.server.url, method, path, body);
    await admin("POST", "/flags", {
      key: "days-flag",
      type: "string",
      variants: [
        { key: "a", value: "A" },
        { key: "b", value: "B" },
      ],
    });
    const flag = await admin("PATCH", "/flags/days-flag/environments/development", {
      enabled: true,
      rollout: [
        { variant: "a", percentage: 50 },
        { variant: "b", percentage: 50 },
      ],
    });
    await admin("POST", "/metrics", { key: "buys", kind: "conversion", eventKey: "buy" });
    await admin("POST", "/experiments", {
      key: "days-test",
      flag: "days-flag",
      environment: "development",
      baseline: "a",
      primaryMetric: "buys",
      settings: { cuped: false },
    });
    // Started four days ago, at midnight UTC; users arrive on each of the three days after.
    const midnight = Math.floor(Date.now() / DAY) * DAY;
    const start = midnight - 4 * DAY;
    // The versions of the flag judge impressions: the state saved above is in force from now,
    // and earlier impressions are judged by the version in force when they arrive (the same).
    expect(flag.enabled).toBe(true);
    await admin("POST", "/experiments/days-test/start", {
      startedAt: new Date(start).toISOString(),
    });
    const impressions = [];
    const events = [];
    for (let day = 1; day <= 3; day++) {
      for (let i = 0; i < 60; i++) {
        const user = `d${day}-u${i}`;
        const at = new Date(start + day * DAY + 3_600_000 + i * 1000).toISOString();
        impressions.push({
          flagKey: "days-flag",
          flagValue: i % 2 ? "B" : "A",
          context: { key: user },
          timestamp: at,
        });
        // b converts more, increasingly so.
        if (i % 2 ? i % 3 !== 0 || day > 1 : i % 4 === 0)
          events.push({ eventKey: "buy", context: { key: user }, timestamp: at });
      }
    }
    await trackAll(s.server, "/track/impressions/server", { impressions });
    await trackAll(s.server, "/track/events/server", { events });
    const { result } = await admin("POST", "/experiments/days-test/results");
    const lifts = result.daily
      .map(
        (d: { metrics: { variants: { variant: string; relativeLift: number | null }[] }[] }) =>
          d.metrics[0]?.variants.find((v) => v.variant === "b")?.relativeLift ?? null,
      )
      .filter((l: number | null) => l !== null);
    expect(lifts.length).toBeGreaterThanOrEqual(3);

    await s.page.goto(`${s.server.url}/experiments/days-test`);
    const chart = s.page.locator('[aria-label="Cumulative lift"]');
    await chart.scrollIntoViewIfNeeded();
    await chart.locator(".recharts-line-curve").first().waitFor();
    const dots = await chart.locator(".recharts-line-dots circle, .recharts-line-dot").count();
    expect(dots).toBe(result.daily.length);
    // The line goes through every day: its path has a point per day.
    const path = (await chart.locator(".recharts-line-curve").first().getAttribute("d")) ?? "";
    expect(path.split(/[LC]/).length).toBeGreaterThanOrEqual(result.daily.length);
    expect(await chart.getByText("One day so far").count()).toBe(0);
    await screenshot(s.page, "experiment-cumulative-days");
    await s.page.setViewportSize({ width: 390, height: 844 });
    await chart.scrollIntoViewIfNeeded();
    await screenshot(s.page, "experiment-cumulative-days-narrow");
    expect(s.consoleErrors).toEqual([]);
  });
});
