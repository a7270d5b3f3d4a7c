// Experiments end to end on both databases: generated impressions and events go in through the
// SDK endpoints, metrics and experiments through the admin API, and every figure of the results
// is checked against a recomputation from the same raw data in plain code below.
import {
  adjustPValues,
  type Correction,
  chanceToBeatConversion,
  chanceToBeatNormal,
  cupedSummary,
  cupedTheta,
  expectedLossConversion,
  expectedLossNormal,
  relativeLift,
  type Summary,
  sampleRatioMismatch,
  sequentialTest,
  twoProportionZTest,
  welchTest,
} from "@flagsync-oss/stats";
import { createRandom } from "@flagsync-oss/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const VARIANTS = [
  { key: "register", value: "Register" },
  { key: "join-now", value: "Join Now" },
  { key: "sign-up", value: "Sign Up" },
];
const DAY = 86_400_000;

interface Impression {
  user: string;
  value: string;
  at: number;
}
interface Event {
  user: string;
  key: string;
  value: number | null;
  properties: Record<string, unknown> | null;
  at: number;
}

/** Users split 50/30/20 (an SRM against 34/33/33), with every edge case of the semantics. */
function generate(start: number, now: number) {
  const { next: rnd, pick } = createRandom(20261125);
  const impressions: Impression[] = [];
  const events: Event[] = [];
  const inWindow = () => start + Math.floor(rnd() * (now - start - 60_000));
  for (let u = 0; u < 420; u++) {
    const user = `user-${u}`;
    const r = rnd();
    const variant = (
      r < 0.5 ? VARIANTS[0] : r < 0.8 ? VARIANTS[1] : VARIANTS[2]
    ) as (typeof VARIANTS)[number];
    const kind = u % 20;
    let exposure = inWindow();
    if (kind === 0) {
      // Exposed before the window: the first impression inside it is the exposure.
      impressions.push({ user, value: variant.value, at: start - 2 * DAY });
    }
    if (kind === 1) {
      // Only before the window: never exposed.
      impressions.push({ user, value: variant.value, at: start - DAY });
      continue;
    }
    if (kind === 2) {
      // Another variant before the window does not count as a second variant.
      impressions.push({
        user,
        value: pick(VARIANTS.filter((v) => v !== variant)).value,
        at: start - 3 * DAY,
      });
    }
    if (kind === 3) {
      // Two variants in the window: excluded.
      impressions.push({
        user,
        value: pick(VARIANTS.filter((v) => v !== variant)).value,
        at: inWindow(),
      });
    }
    if (kind === 4) {
      // The SDK's fallback: the "unknown" variant, outside the comparison.
      impressions.push({ user, value: "control", at: exposure });
      continue;
    }
    impressions.push({ user, value: variant.value, at: exposure });
    for (let k = Math.floor(rnd() * 3); k > 0; k--) {
      const later = exposure + Math.floor(rnd() * (now - exposure - 60_000));
      impressions.push({ user, value: variant.value, at: later });
    }
    if (kind === 0)
      exposure = Math.min(
        exposure,
        ...impressions.filter((i) => i.user === user && i.at >= start).map((i) => i.at),
      );
    const lift = variant === VARIANTS[1] ? 1.3 : variant === VARIANTS[2] ? 0.8 : 1;
    const when = (before: boolean) =>
      before
        ? exposure - 1 - Math.floor(rnd() * 20 * DAY)
        : exposure + Math.floor(rnd() * (now - exposure - 60_000));
    const count = Math.floor(rnd() * 5);
    for (let k = 0; k < count + 2; k++) {
      const before = rnd() < 0.3;
      const at = k === 0 && kind === 5 ? exposure : when(before);
      const type = rnd();
      if (type < 0.25 && rnd() < 0.35 * lift) {
        events.push({ user, key: "signup", value: null, properties: null, at });
      } else if (type < 0.5) {
        events.push({
          user,
          key: "page_load_time",
          value: rnd() < 0.1 ? null : Math.round((800 + rnd() * 400) / lift),
          properties: null,
          at,
        });
      } else if (type < 0.8) {
        const price =
          rnd() < 0.1
            ? String(Math.round(rnd() * 100))
            : rnd() < 0.05
              ? true
              : Math.round(rnd() * 10000 * lift) / 100;
        const properties: Record<string, unknown> = { price };
        if (rnd() < 0.4) properties.discount = rnd() < 0.2 ? null : Math.round(rnd() * 30);
        if (rnd() < 0.5)
          properties.cart = {
            total: Math.round(rnd() * 300 * lift),
            items: 1 + Math.floor(rnd() * 4),
          };
        properties.plan = pick(["pro", "free", "team", 5]);
        events.push({ user, key: "purchase", value: null, properties, at });
      } else {
        events.push({ user, key: "other_event", value: 1, properties: { price: 99 }, at });
      }
    }
  }
  return { impressions, events };
}

interface MetricDef {
  key: string;
  kind: "conversion" | "count" | "sum" | "average";
  eventKey: string;
  valuePath?: string;
  filters?: { property: string; operator: string; value?: unknown; values?: unknown[] }[];
  direction: "increase" | "decrease";
}

const METRICS: MetricDef[] = [
  { key: "signup-rate", kind: "conversion", eventKey: "signup", direction: "increase" },
  { key: "avg-page-load", kind: "average", eventKey: "page_load_time", direction: "decrease" },
  {
    key: "avg-purchase-price",
    kind: "average",
    eventKey: "purchase",
    valuePath: "price",
    direction: "increase",
  },
  {
    key: "discount-count",
    kind: "count",
    eventKey: "purchase",
    filters: [{ property: "discount", operator: "exists" }],
    direction: "increase",
  },
  {
    key: "paid-cart-total",
    kind: "sum",
    eventKey: "purchase",
    valuePath: "cart.total",
    filters: [
      { property: "plan", operator: "in", values: ["pro", "team"] },
      { property: "cart.items", operator: "gte", value: 2 },
    ],
    direction: "increase",
  },
];

// ---- the recomputation, in plain code ------------------------------------------------------

function at(properties: Record<string, unknown> | null, path: string): unknown {
  let value: unknown = properties;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function passes(event: Event, metric: MetricDef): boolean {
  if (event.key !== metric.eventKey) return false;
  return (metric.filters ?? []).every((f) => {
    const v = at(event.properties, f.property);
    const same = (x: unknown) => v !== undefined && v === x;
    switch (f.operator) {
      case "exists":
        return v !== undefined && v !== null;
      case "in":
        return (f.values ?? []).some(same);
      case "equals":
        return same(f.value);
      case "not_equals":
        return !same(f.value);
      case "gte":
        return typeof v === "number" && v >= (f.value as number);
      default:
        throw new Error(f.operator);
    }
  });
}

function metricValueOf(event: Event, metric: MetricDef): number | undefined {
  const v = metric.valuePath ? at(event.properties, metric.valuePath) : event.value;
  return typeof v === "number" ? v : undefined;
}

/** Per-user metric value over [from, to); undefined when an average metric has no value. */
function userValue(
  events: Event[],
  metric: MetricDef,
  from: number,
  to: number,
): number | undefined {
  const matching = events.filter((e) => e.at >= from && e.at < to && passes(e, metric));
  const values = matching
    .map((e) => metricValueOf(e, metric))
    .filter((v): v is number => v !== undefined);
  if (metric.kind === "conversion") return matching.length > 0 ? 1 : 0;
  if (metric.kind === "count") return matching.length;
  if (metric.kind === "sum") return values.reduce((a, b) => a + b, 0);
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
}

function summary(values: number[]): Summary {
  const n = values.length;
  const mean = n > 0 ? values.reduce((a, b) => a + b, 0) / n : 0;
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}

function recompute(
  data: ReturnType<typeof generate>,
  start: number,
  end: number,
  settings: { cuped: boolean; correction: Correction; sequential: boolean; alpha: number },
  traffic: number[],
) {
  const firsts = new Map<string, Map<string, number>>();
  for (const i of data.impressions) {
    if (i.at < start || i.at >= end) continue;
    const variant = VARIANTS.find((v) => v.value === i.value)?.key ?? "unknown";
    const seen = firsts.get(i.user) ?? new Map<string, number>();
    seen.set(variant, Math.min(seen.get(variant) ?? Number.POSITIVE_INFINITY, i.at));
    firsts.set(i.user, seen);
  }
  let multiple = 0;
  let other = 0;
  const users = new Map<string, { variant: string; at: number }>();
  for (const [user, seen] of firsts) {
    if (seen.size > 1) multiple++;
    else {
      const [[variant, exposure]] = [...seen] as [[string, number]];
      if (variant === "unknown") other++;
      else users.set(user, { variant, at: exposure });
    }
  }
  const eventsOf = new Map<string, Event[]>();
  for (const e of data.events) eventsOf.set(e.user, [...(eventsOf.get(e.user) ?? []), e]);
  const analysed = VARIANTS.map((v) => [...users].filter(([, u]) => u.variant === v.key));
  const metrics = METRICS.map((metric) => {
    const cuped = settings.cuped && metric.kind !== "average";
    const rows = analysed.map((list) =>
      list
        .map(([user, u]) => ({
          y: userValue(eventsOf.get(user) ?? [], metric, u.at, end),
          x: userValue(eventsOf.get(user) ?? [], metric, u.at - 14 * DAY, u.at) ?? 0,
        }))
        .filter((r): r is { y: number; x: number } => r.y !== undefined),
    );
    let summaries = rows.map((r) => summary(r.map((p) => p.y)));
    let theta: number | null = null;
    if (cuped) {
      const all = rows.flat();
      const sums = (list: { x: number; y: number }[]) => ({
        n: list.length,
        sum: list.reduce((a, p) => a + p.y, 0),
        sumSquares: list.reduce((a, p) => a + p.y * p.y, 0),
        xSum: list.reduce((a, p) => a + p.x, 0),
        xSumSquares: list.reduce((a, p) => a + p.x * p.x, 0),
        crossSum: list.reduce((a, p) => a + p.x * p.y, 0),
      });
      theta = cupedTheta(sums(all));
      const meanX = all.reduce((a, p) => a + p.x, 0) / all.length;
      summaries = rows.map((r) => cupedSummary(sums(r), theta as number, meanX));
    }
    return { metric, rows, summaries, theta };
  });
  const comparisons = metrics.flatMap((m) =>
    [1, 2].map((v) => {
      const base = m.summaries[0] as Summary;
      const variant = m.summaries[v] as Summary;
      const welch = welchTest(base, variant, settings.alpha);
      const lift = relativeLift(base, variant, settings.alpha);
      // Sequential: every interval and p-value always valid, for N* = 5000 users (default).
      const users = base.n + variant.n;
      const sequential = settings.sequential
        ? {
            difference: sequentialTest(
              welch.difference,
              welch.standardError,
              users,
              5000,
              settings.alpha,
            ),
            lift: sequentialTest(lift.lift, lift.standardError, users, 5000, settings.alpha),
          }
        : undefined;
      const better = m.metric.direction === "increase" ? 1 : -1;
      const conversions = (k: number) => (m.rows[k] ?? []).reduce((a, p) => a + p.y, 0);
      const n = (k: number) => (m.rows[k] ?? []).length;
      // Beta posteriors for raw conversions; with CUPED the normal approximation on the
      // adjusted difference, like every other figure of the metric.
      const beta = m.metric.kind === "conversion" && m.theta === null;
      const chance = beta
        ? chanceToBeatConversion(conversions(0), n(0), conversions(v), n(v))
        : chanceToBeatNormal(better * welch.difference, welch.standardError);
      const loss = beta
        ? expectedLossConversion(conversions(0), n(0), conversions(v), n(v))
        : expectedLossNormal(better * welch.difference, welch.standardError);
      return {
        metric: m.metric.key,
        variant: VARIANTS[v]?.key as string,
        welch,
        lift,
        zTest:
          m.metric.kind === "conversion"
            ? twoProportionZTest(conversions(0), n(0), conversions(v), n(v))
            : undefined,
        sequential,
        tested: sequential ? sequential.difference.pValue : welch.pValue,
        chance,
        loss,
        better,
      };
    }),
  );
  const adjusted = adjustPValues(
    comparisons.map((c) => c.tested),
    settings.correction,
  );
  const observed = analysed.map((list) => list.length);
  /** Per metric and variant, users and mean as of the end of `day` (no CUPED). */
  const asOf = (day: string) => {
    const cutoff = Math.min(Date.parse(`${day}T00:00:00.000Z`) + DAY, end);
    return METRICS.map((metric) =>
      analysed.map((list) =>
        summary(
          list
            .filter(([, u]) => u.at < cutoff)
            .map(([user, u]) => userValue(eventsOf.get(user) ?? [], metric, u.at, cutoff))
            .filter((y): y is number => y !== undefined),
        ),
      ),
    );
  };
  return {
    asOf,
    exposures: {
      total: firsts.size,
      multipleVariants: multiple,
      otherVariants: other,
      analysed: Object.fromEntries(VARIANTS.map((v, k) => [v.key, observed[k]])),
      // The flag is on with a rollout for everyone (no rule): every user was randomised.
      notRandomised: [],
    },
    srm: sampleRatioMismatch(observed, traffic),
    metrics,
    comparisons: comparisons.map((c, k) => ({ ...c, adjusted: adjusted[k] as number })),
  };
}

// ---- the test ------------------------------------------------------------------------------

describe.each(DIALECTS)("experiments on %s", (dialect) => {
  let server: TestServer;
  const now = Date.now();
  const start = now - 3 * DAY;
  const data = generate(start, now);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const key = server.keys.development?.server as string;
    const flags = "/api/v1/workspaces/default/flags";
    expect(
      (
        await server.admin("POST", flags, {
          key: "register-button-copy",
          type: "string",
          variants: VARIANTS,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await server.admin("PATCH", `${flags}/register-button-copy/environments/development`, {
          enabled: true,
          rollout: [
            { variant: "register", percentage: 34 },
            { variant: "join-now", percentage: 33 },
            { variant: "sign-up", percentage: 33 },
          ],
        })
      ).status,
    ).toBe(200);
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-ridgeline-key": key },
        body: JSON.stringify(body),
      });
      const result = (await response.json()) as { rejected: unknown[] };
      expect(result.rejected).toEqual([]);
    };
    for (let i = 0; i < data.impressions.length; i += 500) {
      await post("/track/impressions/server", {
        impressions: data.impressions.slice(i, i + 500).map((m) => ({
          flagKey: "register-button-copy",
          flagValue: m.value,
          context: { key: m.user },
          timestamp: new Date(m.at).toISOString(),
        })),
      });
    }
    for (let i = 0; i < data.events.length; i += 500) {
      await post("/track/events/server", {
        events: data.events.slice(i, i + 500).map((e) => ({
          eventKey: e.key,
          value: e.value,
          properties: e.properties,
          context: { key: e.user },
          timestamp: new Date(e.at).toISOString(),
        })),
      });
    }
    for (const metric of METRICS) {
      const response = await server.admin("POST", "/api/v1/workspaces/default/metrics", metric);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const scenarios = [
    {
      key: "copy-cuped-holm",
      settings: { cuped: true, correction: "holm" as Correction, sequential: false, alpha: 0.05 },
      traffic: undefined,
    },
    {
      key: "copy-sequential-bh",
      settings: {
        cuped: false,
        correction: "benjamini-hochberg" as Correction,
        sequential: true,
        alpha: 0.1,
      },
      traffic: { register: 50, "join-now": 30, "sign-up": 20 },
    },
  ];

  it.each(scenarios)("matches a recomputation from the raw data: $key", async (scenario) => {
    const path = `/api/v1/workspaces/default/experiments`;
    const created = await server.admin("POST", path, {
      key: scenario.key,
      flag: "register-button-copy",
      environment: "development",
      baseline: "register",
      hypothesis: "A friendlier button copy gets more sign-ups without slowing the page",
      primaryMetric: "signup-rate",
      secondaryMetrics: METRICS.slice(1).map((m) => m.key),
      settings: scenario.settings,
      ...(scenario.traffic ? { traffic: scenario.traffic } : {}),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.variants).toEqual(["join-now", "sign-up"]);
    const started = await server.admin("POST", `${path}/${scenario.key}/start`, {
      startedAt: new Date(start).toISOString(),
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const traffic = scenario.traffic ? [50, 30, 20] : [34, 33, 33];
    expect(Object.values(started.body.traffic)).toEqual(traffic);
    const response = await server.admin("POST", `${path}/${scenario.key}/results`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const result = response.body.result;
    const end = Date.parse(result.window.end);
    expect(result.window.start).toBe(new Date(start).toISOString());
    const { asOf, ...expected } = recompute(data, start, end, scenario.settings, traffic);

    expect(result.exposures).toEqual(expected.exposures);
    // The generated values ignore the users' buckets: most users were served another variant
    // than their bucket, which the diagnostics say.
    expect(result.assignment.rate).toBeGreaterThan(0.3);
    expect(result.assignment.warning).toMatch(/were served another variant than their bucket/);
    expect(expected.exposures.multipleVariants).toBeGreaterThan(0);
    expect(expected.exposures.otherVariants).toBeGreaterThan(0);
    expect(result.srm.pValue).toBeCloseTo(expected.srm.pValue, 9);
    expect(result.srm.chiSquare).toBeCloseTo(expected.srm.chiSquare, 6);
    expect(result.srm.mismatch).toBe(expected.srm.mismatch);
    expect(result.srm.mismatch).toBe(!scenario.traffic);

    const close = (actual: number, wanted: number, what: string) => {
      if (!Number.isFinite(wanted)) {
        expect(actual, what).toBe(wanted);
        return;
      }
      expect(Math.abs(actual - wanted), `${what}: ${actual} vs ${wanted}`).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(wanted)),
      );
    };
    expect(result.srm.df).toBe(2);
    const analysedUsers = Object.values(
      expected.exposures.analysed as Record<string, number>,
    ).reduce((a, b) => a + b, 0);
    for (const [k, share] of Object.entries(result.srm.expected as Record<string, number>))
      close(result.srm.expectedCounts[k], share * analysedUsers, `SRM expected ${k}`);
    expect(result.correctionFamily).toBe(expected.comparisons.length);
    expect(result.metrics.map((m: { metric: string }) => m.metric)).toEqual(
      METRICS.map((m) => m.key),
    );
    for (const [i, m] of expected.metrics.entries()) {
      const got = result.metrics[i];
      expect(got.primary).toBe(i === 0);
      if (m.theta === null) expect(got.cuped).toBeNull();
      else {
        close(got.cuped.theta, m.theta, `${m.metric.key} theta`);
        // Pooled over all analysed users: the covariate mean and 1 − Var(y − θx)/Var(y).
        const all = m.rows.flat();
        const mean = (f: (p: { x: number; y: number }) => number) =>
          all.reduce((a, p) => a + f(p), 0) / all.length;
        const theta = m.theta as number;
        const residualMean = mean((p) => p.y - theta * p.x);
        const varY = mean((p) => (p.y - mean((q) => q.y)) ** 2);
        const varAdjusted = mean((p) => (p.y - theta * p.x - residualMean) ** 2);
        close(
          got.cuped.covariateMean,
          mean((p) => p.x),
          `${m.metric.key} covariate mean`,
        );
        close(got.cuped.varianceReduction, 1 - varAdjusted / varY, `${m.metric.key} reduction`);
      }
      for (const [v, s] of m.summaries.entries()) {
        const variant = got.variants[v];
        expect(variant.variant).toBe(VARIANTS[v]?.key);
        expect(variant.users, `${m.metric.key} ${variant.variant} users`).toBe(s.n);
        close(variant.mean, s.mean, `${m.metric.key} ${variant.variant} mean`);
        close(variant.variance, s.variance, `${m.metric.key} ${variant.variant} variance`);
        // Everything needed to check the figures by hand.
        close(variant.standardDeviation, Math.sqrt(s.variance), `${variant.variant} sd`);
        close(variant.standardError, Math.sqrt(s.variance / s.n), `${variant.variant} se`);
        const ys = (m.rows[v] ?? []).map((p) => p.y);
        close(
          variant.sum,
          ys.reduce((a, b) => a + b, 0),
          `${variant.variant} sum`,
        );
        if (m.metric.kind === "conversion") {
          expect(variant.converters).toBe(ys.filter((y) => y === 1).length);
          expect(variant.usersWithoutEvents).toBe(ys.filter((y) => y === 0).length);
        }
      }
    }
    let verdicts = 0;
    for (const c of expected.comparisons) {
      const metric = result.metrics.find((m: { metric: string }) => m.metric === c.metric);
      const got = metric.variants.find(
        (v: { variant: string }) => v.variant === c.variant,
      ).comparison;
      const what = `${c.metric} ${c.variant}`;
      close(got.difference, c.welch.difference, `${what} difference`);
      // Never mixed: with sequential testing every interval and p-value is the always-valid one.
      const ci = c.sequential ? c.sequential.difference.ci : c.welch.ci;
      const liftCi = c.sequential ? c.sequential.lift.ci : c.lift.ci;
      expect(got.method).toBe(c.sequential ? "sequential" : "fixed-horizon");
      close(got.ci[0], ci[0], `${what} ci low`);
      close(got.ci[1], ci[1], `${what} ci high`);
      close(got.pValue, c.tested, `${what} p`);
      close(got.relativeLift, c.lift.lift, `${what} lift`);
      close(got.standardError, c.welch.standardError, `${what} se`);
      close(got.welchT, c.welch.difference / c.welch.standardError, `${what} t`);
      close(got.welchDf, c.welch.df, `${what} df`);
      close(got.liftStandardError, c.lift.standardError, `${what} lift se`);
      close(got.relativeLiftCi[0], liftCi[0], `${what} lift low`);
      close(got.relativeLiftCi[1], liftCi[1], `${what} lift high`);
      close(got.adjustedPValue, c.adjusted, `${what} adjusted p`);
      close(
        got.chanceToBeat,
        c.better === 1 || metric.kind !== "conversion" ? c.chance : 1 - c.chance,
        `${what} chance`,
      );
      close(got.expectedLoss, c.loss, `${what} loss`);
      if (c.zTest === undefined) expect(got.zTestPValue).toBeUndefined();
      else {
        close(got.zTestPValue, c.zTest.pValue, `${what} z-test p`);
        close(got.zStatistic, c.zTest.z, `${what} z`);
      }
      if (c.sequential)
        expect(got.ci[1] - got.ci[0]).toBeGreaterThan(c.welch.ci[1] - c.welch.ci[0]);
      const alpha = scenario.settings.alpha;
      const verdict =
        c.adjusted < alpha && c.welch.difference !== 0
          ? Math.sign(c.welch.difference) === c.better
            ? "winning"
            : "losing"
          : "inconclusive";
      expect(got.verdict, what).toBe(verdict);
      if (verdict !== "inconclusive") verdicts++;
    }
    // The generated effects are large enough that something is decided.
    expect(verdicts).toBeGreaterThan(0);
    // A day in the middle of the series: users exposed by its end, their events until then.
    if (!scenario.settings.cuped) {
      const middle = result.daily[1];
      for (const [i, perVariant] of asOf(middle.day).entries()) {
        for (const [v, s] of perVariant.entries()) {
          expect(middle.metrics[i].variants[v].users).toBe(s.n);
          close(
            middle.metrics[i].variants[v].mean,
            s.mean,
            `${middle.day} ${METRICS[i]?.key} mean`,
          );
        }
      }
    }
    // The daily series ends with the final figures.
    const last = result.daily[result.daily.length - 1];
    expect(last.day <= result.window.end.slice(0, 10)).toBe(true);
    expect(result.daily.length).toBeGreaterThanOrEqual(3);
    for (const [i, m] of expected.metrics.entries()) {
      for (const [v, s] of m.summaries.entries()) {
        expect(last.metrics[i].variants[v].users).toBe(s.n);
        close(last.metrics[i].variants[v].mean, s.mean, `${m.metric.key} last day mean`);
      }
    }
  });

  it("recomputes running experiments' results in the background", async () => {
    const path = "/api/v1/workspaces/default/experiments";
    const before = await server.admin("GET", `${path}/copy-cuped-holm/results`);
    expect(await server.resultsRefresh.runOnce()).toEqual({
      refreshed: scenarios.length,
      failed: 0,
      expired: 0,
    });
    const after = await server.admin("GET", `${path}/copy-cuped-holm/results`);
    expect(after.body.computedAt).not.toBe(before.body.computedAt);
    expect(after.body.result.exposures).toEqual(before.body.result.exposures);
    // Started, it first runs after the given delay, then on its interval.
    server.resultsRefresh.start(3_600_000, 50);
    const deadline = Date.now() + 10_000;
    let latest = after;
    while (latest.body.computedAt === after.body.computedAt && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      latest = await server.admin("GET", `${path}/copy-cuped-holm/results`);
    }
    expect(latest.body.computedAt).not.toBe(after.body.computedAt);
  });

  it("checks definitions field by field and keeps the lifecycle in order", async () => {
    const metrics = "/api/v1/workspaces/default/metrics";
    const bad = await server.admin("POST", metrics, {
      key: "bad-metric",
      kind: "count",
      eventKey: "purchase",
      valuePath: "price",
      filters: [{ property: "price", operator: "gt", value: "5" }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      "body.valuePath",
      "body.filters[0].value",
    ]);
    const path = "/api/v1/workspaces/default/experiments";
    const wrong = await server.admin("POST", path, {
      key: "wrong",
      flag: "register-button-copy",
      environment: "development",
      baseline: "nope",
      primaryMetric: "no-such-metric",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.map((d: { field: string }) => d.field)).toEqual([
      "body.baseline",
      "body.primaryMetric",
    ]);
    await server.admin("POST", path, {
      key: "lifecycle",
      flag: "register-button-copy",
      environment: "development",
      baseline: "register",
      primaryMetric: "signup-rate",
    });
    expect((await server.admin("POST", `${path}/lifecycle/results`)).status).toBe(409);
    expect(
      (await server.admin("POST", `${path}/lifecycle/stop`, { decision: "rollback" })).status,
    ).toBe(409);
    expect((await server.admin("POST", `${path}/lifecycle/start`, {})).status).toBe(200);
    // A window with nobody exposed yet still gives a result: no users, nothing decided.
    const empty = await server.admin("POST", `${path}/lifecycle/results`);
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    expect(empty.body.result.exposures.total).toBe(0);
    expect(empty.body.result.srm.mismatch).toBe(false);
    const primary = empty.body.result.metrics[0];
    expect(primary.variants.map((v: { users: number }) => v.users)).toEqual([0, 0, 0]);
    // No statistics at all: no p-values or verdicts, the reason, and an empty family.
    for (const v of primary.variants.slice(1)) {
      expect(v.comparison).toBeUndefined();
      expect(v.notCompared).toBe("the baseline has no analysed users");
    }
    expect(empty.body.result.correctionFamily).toBe(0);
    expect((await server.admin("GET", `${path}/lifecycle/results`)).body.computedAt).toBe(
      empty.body.computedAt,
    );
    expect((await server.admin("PATCH", `${path}/lifecycle`, { baseline: "sign-up" })).status).toBe(
      409,
    );
    // The flag of a running experiment is neither archived nor deleted; the answer says why.
    const flagPath = "/api/v1/workspaces/default/flags/register-button-copy";
    for (const [method, url] of [
      ["POST", `${flagPath}/archive`],
      ["DELETE", flagPath],
    ] as const) {
      const refused = await server.admin(method, url);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/experiments? .*"lifecycle".* on it: stop/);
    }
    expect((await server.admin("GET", flagPath)).body.archived).toBe(false);
    // Nor are its variants changed or removed (users would move between arms); adding one is
    // allowed, and so is renaming the flag.
    const { variants } = (await server.admin("GET", flagPath)).body as {
      variants: { id: number; key: string; value: unknown }[];
    };
    const asInput = variants.map(({ id, key, value }) => ({ id, key, value }));
    for (const changed of [
      asInput.slice(1),
      asInput.map((v, i) => (i === 0 ? { ...v, value: "Register now" } : v)),
      asInput.map((v, i) => (i === 0 ? { ...v, key: "register-2" } : v)),
    ]) {
      const refused = await server.admin("PATCH", flagPath, { variants: changed });
      expect(refused.status, JSON.stringify(refused.body)).toBe(409);
      expect(refused.body.message).toMatch(/changed variants while experiments? .*"lifecycle"/);
    }
    const added = await server.admin("PATCH", flagPath, {
      name: "Register button copy",
      variants: [...asInput, { key: "create-account", value: "Create account" }],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.variants.map((v: { key: string }) => v.key)).toContain("create-account");
    expect(
      (await server.admin("POST", `${path}/lifecycle/stop`, { decision: "ship" })).status,
    ).toBe(400);
    const stopped = await server.admin("POST", `${path}/lifecycle/stop`, {
      decision: "ship",
      variant: "join-now",
      note: "clear winner",
    });
    expect(stopped.status).toBe(200);
    expect(stopped.body.status).toBe("stopped");
    expect(stopped.body.decision).toEqual({
      decision: "ship",
      variant: "join-now",
      note: "clear winner",
    });
    expect((await server.admin("DELETE", `${metrics}/signup-rate`)).status).toBe(409);
    // Once every experiment on it has stopped, the flag can be archived.
    const listed = await server.admin("GET", path);
    for (const e of listed.body.experiments as { key: string; flag: string; status: string }[])
      if (e.flag === "register-button-copy" && e.status === "running")
        expect(
          (await server.admin("POST", `${path}/${e.key}/stop`, { decision: "inconclusive" }))
            .status,
        ).toBe(200);
    expect((await server.admin("POST", `${flagPath}/archive`)).status).toBe(200);
    expect((await server.admin("POST", `${flagPath}/restore`)).status).toBe(200);
    const audit = await server.admin("GET", "/api/v1/workspaces/default/audit");
    const actions = (audit.body.entries as { action: string; resourceKey: string }[])
      .filter((e) => e.resourceKey === "lifecycle")
      .map((e) => e.action);
    expect(actions).toEqual(["experiment.stopped", "experiment.started", "experiment.created"]);
  });
});
