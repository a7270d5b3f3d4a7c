// Each way of running an analysis against the plain one-session SQL analysis, on the same
// database: on SQLite the scan into AnalysisFold (alone, shared with scan threads, taken back
// from failed ones); on PostgreSQL the analysis split over several sessions. Random exposures
// and events full of edge cases; every per-(variant, day) sum compared.
import { createRandom } from "@flagsync-oss/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalysisInput, AnalysisOutput } from "../src/experiments/analysis-output.js";
import { AnalysisQuery } from "../src/experiments/analysis-query.js";
import { SqliteAnalysisQuery } from "../src/experiments/analysis-sqlite.js";
import type { Metric } from "../src/experiments/metric-service.js";
import { type Database, openDatabase } from "../src/storage/database.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "./support/databases.js";

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 10, 7, 30);
const END = START + 9 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

function metric(id: number, fields: Partial<Metric> & Pick<Metric, "kind" | "eventKey">): Metric {
  return {
    id,
    key: `m${id}`,
    name: `m${id}`,
    description: "",
    valuePath: null,
    filters: [],
    direction: "increase",
    createdAt: "",
    updatedAt: "",
    ...fields,
  };
}

const METRICS: Metric[] = [
  metric(1, { kind: "conversion", eventKey: "signup" }),
  metric(2, {
    kind: "count",
    eventKey: "purchase",
    filters: [{ property: "discount", operator: "exists" }],
  }),
  metric(3, { kind: "sum", eventKey: "purchase", valuePath: "cart.total" }),
  metric(4, { kind: "average", eventKey: "page", direction: "decrease" }),
  metric(5, {
    kind: "average",
    eventKey: "purchase",
    valuePath: "price",
    filters: [{ property: "plan", operator: "equals", value: "pro" }],
  }),
];

/** Stores the generated exposures, impressions and events. */
async function seed(database: Database): Promise<void> {
  const rnd = createRandom(11).next;
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const exposures: Record<string, unknown>[] = [];
  const impressions: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const row = (fields: Record<string, unknown>) => ({
    environment_id: 1,
    context: null,
    received_at: iso(END),
    source: "server",
    ...fields,
  });
  for (let u = 0; u < 400; u++) {
    const user = `user-${u}`;
    const variant = rnd() < 0.05 ? 0 : 1 + Math.floor(rnd() * 3);
    // Some users first seen before the window, with an impression inside it.
    const early = rnd() < 0.1;
    const at = early ? START - Math.floor(rnd() * 3 * DAY) : START + Math.floor(rnd() * 8 * DAY);
    const firstInWindow = early ? START + Math.floor(rnd() * 2 * DAY) : at;
    exposures.push({
      environment_id: 1,
      flag_key: "copy",
      user_key: user,
      variant_id: variant,
      first_at: iso(at),
    });
    impressions.push(
      row({ flag_key: "copy", user_key: user, variant_id: variant, timestamp: iso(firstInWindow) }),
    );
    if (rnd() < 0.04)
      exposures.push({
        environment_id: 1,
        flag_key: "copy",
        user_key: user,
        variant_id: (variant % 3) + 1,
        first_at: iso(firstInWindow + 1000),
      });
    const n = Math.floor(rnd() * 9);
    for (let k = 0; k < n; k++) {
      const when = pick([
        firstInWindow, // exactly the exposure millisecond
        firstInWindow - 1,
        firstInWindow - 14 * DAY, // the first millisecond of the pre-period
        firstInWindow - 14 * DAY - 1,
        firstInWindow - Math.floor(rnd() * 20 * DAY),
        firstInWindow + Math.floor(rnd() * 9 * DAY),
        END,
        END - 1,
      ]);
      const key = pick(["signup", "purchase", "page", "other"]);
      events.push(
        row({
          event_key: key,
          user_key: user,
          value: key === "page" && rnd() < 0.8 ? Math.round(rnd() * 900) : null,
          properties:
            key === "purchase"
              ? JSON.stringify({
                  price: pick([12.5, 40, "40", true, null, 7]),
                  plan: pick(["pro", "free", 5]),
                  ...(rnd() < 0.5 ? { discount: pick([10, null, "x", false]) } : {}),
                  cart: pick([{ total: Math.round(rnd() * 300) }, { total: "9" }, {}]),
                })
              : null,
          timestamp: iso(when),
          client_id: null,
        }),
      );
    }
  }
  await database.db
    .insertInto("exposures")
    .values(exposures as never)
    .execute();
  for (let i = 0; i < impressions.length; i += 200)
    await database.db
      .insertInto("raw_impressions")
      .values(impressions.slice(i, i + 200) as never)
      .execute();
  for (let i = 0; i < events.length; i += 200)
    await database.db
      .insertInto("raw_events")
      .values(events.slice(i, i + 200) as never)
      .execute();
}

const SETTINGS = [
  { cuped: true, variantIds: [1, 2, 3] },
  { cuped: false, variantIds: [1, 3] },
];

function inputOf(settings: { cuped: boolean; variantIds: number[] }): AnalysisInput {
  return {
    environmentId: 1,
    flagKey: "copy",
    start: iso(START),
    end: iso(END),
    metrics: METRICS,
    ...settings,
  };
}

/** Both outputs agree on every count and, to 1e-9, on every sum (and the sums are not empty). */
function expectSame(fast: AnalysisOutput, reference: AnalysisOutput): void {
  expect(fast.exposures.total).toBe(reference.exposures.total);
  expect(fast.exposures.multipleVariants).toBe(reference.exposures.multipleVariants);
  expect(fast.exposures.multipleVariants).toBeGreaterThan(0);
  expect(new Map([...fast.exposures.perVariant].sort())).toEqual(
    new Map([...reference.exposures.perVariant].sort()),
  );
  expect(fast.days.map((d) => [d.variant, d.day, d.exposed])).toEqual(
    reference.days.map((d) => [d.variant, d.day, d.exposed]),
  );
  let nonZero = 0;
  fast.days.forEach((day, k) => {
    const other = reference.days[k];
    for (const field of ["x", "xx", "y", "yy", "xy", "valued"] as const)
      METRICS.forEach((_, i) => {
        const a = day[field][i] as number;
        const b = other?.[field][i] as number;
        if (b !== 0) nonZero++;
        expect(Math.abs(a - b), `${field}[${i}] on ${day.day}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(b)),
        );
      });
  });
  // The data reaches every kind of sum, so the comparison cannot pass on empty results.
  expect(nonZero).toBeGreaterThan(fast.days.length * METRICS.length);
}

describe.each(DIALECTS)("analyses on %s", (dialect) => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(dialect);
    database = await openDatabase(testDatabase.target);
    await seed(database);
  });

  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  const sqliteCases = [
    ...SETTINGS.map((settings) => ({ settings, threads: 0, path: undefined, scan: "alone" })),
    { settings: SETTINGS[0], threads: 2, path: undefined, scan: "shared with two scan threads" },
    {
      settings: SETTINGS[0],
      threads: 2,
      path: "/nonexistent/analysis.db",
      scan: "taken back from scan threads that cannot open the file",
    },
  ];
  // Each dialect has its own ways: the cases of the other one are not registered here.
  if (dialect === "sqlite")
    it.each(sqliteCases)(
      "the SQLite scan ($scan) gives the SQL analysis' figures",
      async ({ settings, threads, path }) => {
        const input = inputOf(settings as (typeof SETTINGS)[number]);
        const sqlite = database.sqlite;
        if (!sqlite || testDatabase.target.dialect !== "sqlite")
          throw new Error("expected a SQLite database");
        const query = new SqliteAnalysisQuery(database.db, sqlite, {
          path: path ?? testDatabase.target.path,
          threads,
          sharedScanMinRows: 0,
        });
        const fast = await query.run(input).finally(() => query.close());
        expectSame(fast, await new AnalysisQuery(database.db, "sqlite").run(input));
      },
    );

  if (dialect === "postgres")
    it.each(SETTINGS.flatMap((settings) => [2, 3].map((sessions) => ({ settings, sessions }))))(
      "$sessions sessions give one session's figures",
      async ({ settings, sessions }) => {
        const input = inputOf(settings);
        const split = await new AnalysisQuery(database.db, "postgres", sessions).run(input);
        expectSame(split, await new AnalysisQuery(database.db, "postgres").run(input));
      },
    );
});
