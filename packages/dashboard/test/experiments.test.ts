import { createRandom } from "@flagsync-oss/testkit";
import { describe, expect, it } from "vitest";
import { adminOk, browserSession, screenshot, trackAll } from "./support.js";

const VARIANTS = [
  { key: "register", value: "Register" },
  { key: "join-now", value: "Join Now" },
  { key: "sign-up", value: "Sign Up" },
];
/** Conversion probability per variant in the generated data. */
const RATES = [0.2, 0.35, 0.25];

const admin = (method: string, path: string, body?: unknown) =>
  adminOk(s.server.url, method, path, body);
const sdk = (path: string, body: unknown) => trackAll(s.server, path, body);

/** A screenshot of the window (1280×800 unless resized). */
const shoot = (name: string, at?: string) => screenshot(s.page, name, at);

const s = browserSession({
  before: async () => {
    await admin("POST", "/flags", {
      key: "register-button-copy",
      type: "string",
      variants: VARIANTS,
    });
    // On, with a rollout over the three: the users it serves are randomised.
    await admin("PATCH", "/flags/register-button-copy/environments/development", {
      enabled: true,
      rollout: VARIANTS.map((v, i) => ({ variant: v.key, percentage: i === 0 ? 34 : 33 })),
    });
    await admin("POST", "/metrics", {
      key: "signup-rate",
      name: "Sign-up rate",
      kind: "conversion",
      eventKey: "signup",
    });
    await admin("POST", "/metrics", {
      key: "avg-page-load",
      name: "Average page load",
      kind: "average",
      eventKey: "page_load_time",
      direction: "decrease",
    });
  },
});

describe("dashboard: experiments", () => {
  it("creates and starts an experiment", async () => {
    await s.page.getByRole("link", { name: "Experiments" }).click();
    await s.page.getByText("No experiments yet.", { exact: false }).waitFor();
    await s.page.getByRole("button", { name: "Create experiment" }).click();
    const dialog = s.page.getByRole("dialog", { name: "Create an experiment" });
    await dialog.getByLabel(/^Key/).fill("copy-test");
    await dialog.getByLabel("Name").fill("Register button copy test");
    await dialog.getByLabel(/^Flag/).first().click();
    await s.page.getByRole("option", { name: "register-button-copy" }).click();
    await dialog
      .getByLabel(/^Primary metric/)
      .first()
      .click();
    await s.page.getByRole("option", { name: "Sign-up rate" }).click();
    await dialog
      .getByLabel(/^Secondary metrics/)
      .first()
      .click({ force: true });
    await s.page.getByRole("option", { name: "Average page load" }).click();
    await dialog.getByLabel("Hypothesis").fill("Join Now gets more sign-ups than Register");
    await dialog.getByRole("switch", { name: "CUPED variance reduction" }).uncheck(); // no pre-period data here
    await shoot("experiment-create");
    await dialog.getByRole("button", { name: "Create experiment" }).click();
    await s.page.getByRole("heading", { name: "Register button copy test" }).waitFor();
    await s.page.getByText("Start the experiment to see results.").waitFor();
    await s.page.getByRole("button", { name: "Start", exact: true }).click();
    await s.page.getByRole("button", { name: "Stop", exact: true }).waitFor();
    const saved = await admin("GET", "/experiments/copy-test");
    expect(saved).toMatchObject({
      status: "running",
      flag: "register-button-copy",
      environment: "development",
      baseline: "register",
      variants: ["join-now", "sign-up"],
      primaryMetric: "signup-rate",
      secondaryMetrics: ["avg-page-load"],
      hypothesis: "Join Now gets more sign-ups than Register",
    });
    expect(saved.settings.cuped).toBe(false);
  });

  it("shows the right figures once data arrives, with the multiple-exposure warning", async () => {
    // 600 users, 200 per variant; 6 of them also see another variant (excluded everywhere).
    const random = createRandom(42).next;
    const now = Date.now();
    const users = Array.from({ length: 600 }, (_, i) => {
      const variant = i % 3;
      return {
        key: `u-${i}`,
        variant,
        converts: random() < (RATES[variant] as number),
        loads: Array.from(
          { length: 1 + (i % 3) },
          () => 400 + Math.round(random() * 400) + variant * 40,
        ),
        twice: i < 6,
      };
    });
    const at = (s: number) => new Date(now + s).toISOString();
    await sdk("/track/impressions/server", {
      impressions: users.flatMap((u) => [
        {
          flagKey: "register-button-copy",
          flagValue: VARIANTS[u.variant]?.value,
          context: { key: u.key },
          timestamp: at(1000),
        },
        ...(u.twice
          ? [
              {
                flagKey: "register-button-copy",
                flagValue: VARIANTS[(u.variant + 1) % 3]?.value,
                context: { key: u.key },
                timestamp: at(2000),
              },
            ]
          : []),
      ]),
    });
    await sdk("/track/events/server", {
      events: users.flatMap((u) => [
        ...(u.converts
          ? [{ eventKey: "signup", context: { key: u.key }, timestamp: at(3000) }]
          : []),
        ...u.loads.map((value) => ({
          eventKey: "page_load_time",
          value,
          context: { key: u.key },
          timestamp: at(4000),
        })),
      ]),
    });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, now + 4100 - Date.now())));

    // Recount in plain code.
    const analysed = users.filter((u) => !u.twice);
    const byVariant = VARIANTS.map((_, v) => analysed.filter((u) => u.variant === v));
    const rate = byVariant.map((list) => list.filter((u) => u.converts).length / list.length);
    const meanLoad = byVariant.map(
      (list) =>
        list.reduce((s, u) => s + u.loads.reduce((a, b) => a + b, 0) / u.loads.length, 0) /
        list.length,
    );

    await s.page.getByRole("button", { name: "Refresh results" }).click();
    await s.page.getByRole("status").getByText("600 users exposed", { exact: false }).waitFor();
    const signup = s.page.getByLabel("Results of Sign-up rate");
    const result = (await admin("GET", "/experiments/copy-test/results")).result;
    for (const [v, variant] of VARIANTS.entries()) {
      const row = signup.getByRole("row", { name: new RegExp(`^${variant.key}`) });
      const cells = await row.getByRole("cell").allTextContents();
      expect(cells[1]).toBe(String(byVariant[v]?.length));
      expect(cells[2]).toBe(`${((rate[v] as number) * 100).toFixed(2)}%`);
      if (v === 0) continue;
      const lift = (rate[v] as number) / (rate[0] as number) - 1;
      expect(cells[3]).toContain(`${lift > 0 ? "+" : ""}${(lift * 100).toFixed(1)}%`);
      const comparison = result.metrics[0].variants[v].comparison;
      const p = comparison.adjustedPValue;
      expect(cells[5]).toContain(p < 0.001 ? "< 0.001" : p.toFixed(3));
      expect(cells[6]).toBe(`${(comparison.chanceToBeat * 100).toFixed(1)}%`);
      expect(cells[7]).toBe(comparison.verdict);
      // The interval drawn is the API's interval.
      const [lo, hi] = comparison.relativeLiftCi as [number, number];
      await row
        .getByRole("img", {
          name: `Lift ${(lift * 100).toFixed(1)}%, interval ${(lo * 100).toFixed(1)}% to ${(hi * 100).toFixed(1)}%`,
        })
        .waitFor();
    }
    const load = s.page.getByLabel("Results of Average page load");
    for (const [v, variant] of VARIANTS.entries()) {
      const cells = await load
        .getByRole("row", { name: new RegExp(`^${variant.key}`) })
        .getByRole("cell")
        .allTextContents();
      expect(Number(cells[2])).toBeCloseTo(meanLoad[v] as number, 1);
    }
    await s.page.getByText("6 users saw more than one variant", { exact: false }).waitFor();
    await s.page.getByRole("status", { name: "Where the users went" }).scrollIntoViewIfNeeded();
    await screenshot(s.page, "experiment-where-users-went");
    expect(await s.page.getByText("Sample ratio mismatch").count()).toBe(0);
    await shoot("experiment-results");
    await shoot("experiment-chart", "Cumulative lift over time (%)");
  });

  it("stops the experiment with a decision", async () => {
    await s.page.getByRole("button", { name: "Stop", exact: true }).click();
    const dialog = s.page.getByRole("dialog", { name: "Stop copy-test" });
    await dialog
      .getByLabel(/^Variant shipped/)
      .first()
      .click();
    await s.page.getByRole("option", { name: "join-now" }).click();
    await dialog.getByLabel("Note").fill("Join Now wins on sign-ups");
    await dialog.getByRole("button", { name: "Stop experiment" }).click();
    // Shipping join-now offers to serve it to everyone.
    const serve = s.page.getByRole("dialog", { name: "Serve join-now to everyone?" });
    await serve.waitFor();
    await shoot("experiment-serve-winner");
    await serve.getByRole("button", { name: "Serve join-now to everyone" }).click();
    await s.page
      .getByText("decision: ship join-now (Join Now wins on sign-ups)", { exact: false })
      .waitFor();
    expect((await admin("GET", "/experiments/copy-test")).status).toBe("stopped");
    const state = await admin("GET", "/flags/register-button-copy/environments/development");
    expect([state.enabled, state.onVariant, state.rollout]).toEqual([true, "join-now", []]);
    await s.page
      .getByRole("navigation", { name: "Sections" })
      .getByRole("link", { name: "Experiments" })
      .click();
    await s.page.getByRole("row", { name: /Register button copy test.*stopped/ }).waitFor();
    await shoot("experiments");
  });

  it("logged no console errors", () => {
    expect(s.consoleErrors).toEqual([]);
  });
});
