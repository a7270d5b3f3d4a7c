// The analysis engine against the plain-code oracle (test/support/analysis-oracle.ts), on the
// same database: on SQLite its scan alone, shared with scan threads and taken back from failed
// ones; on both databases passes over disjoint users when over the memory budget, later
// analyses reading only new rows, and (PostgreSQL) writers still open. Random exposures and
// events full of edge cases; every per-(variant, day) sum compared.
import type { EvaluationReason } from "@flagsync-oss/core";
import { createRandom } from "@flagsync-oss/testkit";
import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisEngine } from "../src/analysis/engine.js";
import { deleteExpiredKept, KeptStore } from "../src/analysis/kept-store.js";
import type { AnalysisInput, AnalysisOutput } from "../src/analysis/output.js";
import { PostgresRowSource } from "../src/analysis/sources/postgres.js";
import { SqliteRowSource } from "../src/analysis/sources/sqlite.js";
import { exposureVariantId, STRIDE } from "../src/events/exposure-class.js";
import type { Metric } from "../src/metrics/metric-service.js";
import { type Database, openDatabase } from "../src/storage/database.js";
import { oracleAnalysis } from "./support/analysis-oracle.js";
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

/**
 * Stores generated exposures, impressions and events of users `from` to `to` (exclusive); a
 * user seen before gets another variant now and then, and maybe an earlier first exposure.
 */
async function seed(database: Database, seedNumber = 11, from = 0, to = 400): Promise<void> {
  const rnd = createRandom(seedNumber).next;
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
  // Why each impression was served, as ingestion stores it: mostly by the rollout, some by a
  // rule or while the flag was off; our own endpoint's reason as sent, the others' derived.
  const why = createRandom(seedNumber + 1000).next;
  const served = (variant: number) => {
    const r = why();
    const reason: EvaluationReason =
      r < 0.08 ? "TARGETING_MATCH" : r < 0.14 ? "DISABLED" : r < 0.16 ? "DEFAULT" : "SPLIT";
    const own = why() < 0.3;
    return {
      id: exposureVariantId(variant, reason),
      columns: {
        variant_id: variant === 0 ? null : variant,
        reason: own ? reason : null,
        derived_reason: own && why() < 0.5 ? null : reason,
      },
    };
  };
  for (let u = from; u < to; u++) {
    const user = `user-${u}`;
    const variant = rnd() < 0.05 ? 0 : 1 + Math.floor(rnd() * 3);
    // Some users first seen before the window, with an impression inside it.
    const early = rnd() < 0.1;
    const at = early ? START - Math.floor(rnd() * 3 * DAY) : START + Math.floor(rnd() * 8 * DAY);
    const firstInWindow = early ? START + Math.floor(rnd() * 2 * DAY) : at;
    const impression = (variant: number, at: string) => {
      const { id, columns } = served(variant);
      exposures.push({
        environment_id: 1,
        flag_key: "copy",
        user_key: user,
        variant_id: id,
        first_at: at,
      });
      impressions.push(row({ flag_key: "copy", user_key: user, ...columns, timestamp: at }));
    };
    const first = served(variant);
    exposures.push({
      environment_id: 1,
      flag_key: "copy",
      user_key: user,
      variant_id: first.id,
      first_at: iso(at),
    });
    impressions.push(
      row({ flag_key: "copy", user_key: user, ...first.columns, timestamp: iso(firstInWindow) }),
    );
    // Some see a second variant a second later.
    if (rnd() < 0.04) impression((variant % 3) + 1, iso(firstInWindow + 1000));
    // An impression of another variant after the end: it counts once the end moves past it.
    if (rnd() < 0.05) impression((variant % 3) + 1, iso(END + Math.floor(rnd() * DAY)));
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
  // As ingestion keeps them: the first impression per user and variant.
  const first = new Map<string, Record<string, unknown>>();
  for (const exposure of exposures) {
    const key = `${exposure.user_key}\u0000${exposure.variant_id}`;
    const known = first.get(key);
    if (!known || (exposure.first_at as string) < (known.first_at as string))
      first.set(key, exposure);
  }
  await database.db
    .insertInto("exposures")
    .values([...first.values()] as never)
    .onConflict((oc) =>
      oc.columns(["environment_id", "flag_key", "user_key", "variant_id"]).doUpdateSet({
        first_at: sql<string>`case when excluded.first_at < exposures.first_at then excluded.first_at else exposures.first_at end`,
      }),
    )
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
  // Users served only outside the rollout are counted apart, under their exclusion.
  expect([...fast.exposures.perVariant.keys()].filter((id) => id >= STRIDE).length).toBeGreaterThan(
    1,
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

/** The largest raw event id stored. */
async function maxEventId(database: Database): Promise<number> {
  const { id } = await database.db
    .selectFrom("raw_events")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirstOrThrow();
  return Number(id);
}

/**
 * A database of its own for the tests of the surrounding block: created, opened and prepared
 * before them, dropped after.
 */
function useDatabase(
  dialect: (typeof DIALECTS)[number],
  prepare: (database: Database) => Promise<void> = async () => {},
): { testDatabase: TestDatabase; database: Database } {
  const opened = {} as { testDatabase: TestDatabase; database: Database };
  beforeAll(async () => {
    opened.testDatabase = await createTestDatabase(dialect);
    opened.database = await openDatabase(opened.testDatabase.target);
    await prepare(opened.database);
  });
  afterAll(async () => {
    await opened.database.close();
    await opened.testDatabase.drop();
  });
  return opened;
}

describe.each(DIALECTS)("analyses on %s", (dialect) => {
  const opened = useDatabase(dialect, (database) => seed(database));

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
  const oracle = (input: AnalysisInput) => oracleAnalysis(opened.database.db, dialect, input);

  // Each dialect has its own ways: the cases of the other one are not registered here.
  if (dialect === "sqlite")
    it.each(sqliteCases)(
      "the SQLite scan ($scan) gives the oracle's figures",
      async ({ settings, threads, path }) => {
        const input = inputOf(settings as (typeof SETTINGS)[number]);
        const sqlite = opened.database.sqlite;
        if (!sqlite || opened.testDatabase.target.dialect !== "sqlite")
          throw new Error("expected a SQLite opened.database");
        const engine = new AnalysisEngine(
          new SqliteRowSource(opened.database.db, sqlite, {
            path: path ?? opened.testDatabase.target.path,
            threads,
            sharedScanMinRows: 0,
          }),
        );
        const fast = await engine.run(input).finally(() => engine.close());
        expectSame(fast, await oracle(input));
      },
    );

  it.each(SETTINGS)(
    "over the memory budget, passes over disjoint users give the oracle's figures (cuped: $cuped)",
    async (settings) => {
      const input = inputOf(settings);
      const engine = new AnalysisEngine(source(opened), 64 * 1024);
      try {
        const output = await engine.run(input);
        expect(engine.lastPasses).toBeGreaterThan(2);
        expectSame(output, await oracle(input));
      } finally {
        await engine.close();
      }
    },
  );
});

/** The database's row source, its scan shared with two threads on SQLite. */
function source(opened: { testDatabase: TestDatabase; database: Database }) {
  const target = opened.testDatabase.target;
  return target.dialect === "sqlite"
    ? new SqliteRowSource(opened.database.db, opened.database.sqlite as SQLite.Database, {
        path: target.path,
        threads: 2,
        sharedScanMinRows: 0,
      })
    : new PostgresRowSource(opened.database.db, opened.database.pool as pg.Pool);
}

// Kept rows: each analysis reads only the events stored since the last one, yet gives the
// figures of an analysis from scratch, however the new data changes the old: new users, users
// seen again with an earlier exposure or another variant, late events from before the exposure
// or the pre-period, and an end that moves on.
describe.each(DIALECTS)("later analyses on %s", (dialect) => {
  const opened = useDatabase(dialect);

  it("are kept when there is nothing to read yet", async () => {
    const empty = new AnalysisEngine(source(opened));
    try {
      const input = inputOf(SETTINGS[0] as (typeof SETTINGS)[number]);
      expect((await empty.run(input)).run?.way).toBe("full");
      expect((await empty.run(input)).run?.way).toBe("kept");
    } finally {
      await empty.close();
    }
  });

  it("read only the new events and match an analysis from scratch", async () => {
    const query = new AnalysisEngine(source(opened));
    const reference = {
      run: (input: AnalysisInput) => oracleAnalysis(opened.database.db, dialect, input),
    };
    const maxId = () => maxEventId(opened.database);
    try {
      await seed(opened.database, 11, 0, 400);
      for (const settings of SETTINGS) {
        const input = inputOf(settings);
        expectSame(await query.run(input), await reference.run(input));
      }
      // The first settings' rows again (the others have another pre-period): nothing to read.
      const input = inputOf(SETTINGS[0] as (typeof SETTINGS)[number]);
      const first = await maxId();
      expectSame(await query.run(input), await reference.run(input));
      expect(query.lastScan).toEqual({ from: first + 1, to: first });

      await seed(opened.database, 12, 300, 600);
      expectSame(await query.run(input), await reference.run(input));
      expect(query.lastScan).toEqual({ from: first + 1, to: await maxId() });
      const later = { ...input, end: iso(END + DAY) };
      expectSame(await query.run(later), await reference.run(later));
      // Rounds of a few more users, some seen before, with the end moving on (and once back).
      for (const [round, hours] of [30, 40, 20, 50].entries()) {
        await seed(opened.database, 40 + round, 560 + round * 15, 600 + round * 15);
        const next = { ...input, end: iso(END + hours * 3_600_000) };
        expectSame(await query.run(next), await reference.run(next));
      }
    } finally {
      await query.close();
    }
    // After a restart (a new engine, nothing kept), the first analysis reads every row again and
    // agrees; then more data, read incrementally, still agrees.
    const restarted = new AnalysisEngine(source(opened));
    try {
      const input = inputOf(SETTINGS[1] as (typeof SETTINGS)[number]);
      expectSame(await restarted.run(input), await reference.run(input));
      expect(restarted.lastScan.from).toBe(1);
      const before = await maxId();
      await seed(opened.database, 13, 500, 700);
      expectSame(await restarted.run(input), await reference.run(input));
      expect(restarted.lastScan).toEqual({ from: before + 1, to: await maxId() });
    } finally {
      await restarted.close();
    }
  });
});

// Stored rows: a restarted server (or another process on the same database) goes on from the
// rows the last analysis stored, reads only the events stored since, and agrees with the oracle;
// a chain of stored segments is read back whole; rows stored before retention deleted events,
// or a broken chain, are not used.
describe.each(DIALECTS)("stored rows on %s", (dialect) => {
  const opened = useDatabase(dialect);
  const engine = () => {
    const rows = source(opened);
    return new AnalysisEngine(rows, undefined, new KeptStore(opened.database.db, rows));
  };
  const reference = (input: AnalysisInput) => oracleAnalysis(opened.database.db, dialect, input);
  const maxId = () => maxEventId(opened.database);
  const input = inputOf(SETTINGS[0] as (typeof SETTINGS)[number]);

  it("go on after a restart from where the last analysis stopped", async () => {
    await seed(opened.database, 21, 0, 300);
    const first = engine();
    try {
      const output = await first.run(input);
      expect(output.run?.way).toBe("full");
      expect(output.run?.storeError).toBeUndefined();
      expectSame(output, await reference(input));
      // Two more segments.
      await seed(opened.database, 22, 250, 400);
      expect((await first.run(input)).run?.way).toBe("kept");
      await seed(opened.database, 23, 350, 450);
      expectSame(await first.run(input), await reference(input));
    } finally {
      await first.close();
    }
    const segments = await opened.database.db
      .selectFrom("analysis_kept")
      .select("segment")
      .orderBy("segment")
      .execute();
    expect(segments.map((s) => s.segment)).toEqual([0, 1, 2]);

    const stored = await maxId();
    await seed(opened.database, 24, 420, 500);
    const restarted = engine();
    try {
      const output = await restarted.run(input);
      expect(output.run?.way).toBe("stored");
      expect(restarted.lastScan).toEqual({ from: stored + 1, to: await maxId() });
      expectSame(output, await reference(input));
      // Other settings of the same rows (variants, CUPED, a later end) read nothing more.
      const later = { ...inputOf(SETTINGS[0] as (typeof SETTINGS)[number]), end: iso(END + DAY) };
      expectSame(await restarted.run(later), await reference(later));
    } finally {
      await restarted.close();
    }
  });

  it("are not used once the chain is broken or the oldest events are gone", async () => {
    const broken = engine();
    await opened.database.db.deleteFrom("analysis_kept").where("segment", "=", 1).execute();
    try {
      const output = await broken.run(input);
      expect(output.run?.way).toBe("full");
      expectSame(output, await reference(input));
    } finally {
      await broken.close();
    }
    // Stored whole again; then retention deletes the oldest event.
    const oldest = await opened.database.db
      .selectFrom("raw_events")
      .select((eb) => eb.fn.min("id").as("id"))
      .executeTakeFirstOrThrow();
    await opened.database.db.deleteFrom("raw_events").where("id", "=", Number(oldest.id)).execute();
    const afterRetention = engine();
    try {
      const output = await afterRetention.run(input);
      expect(output.run?.way).toBe("full");
      expectSame(output, await reference(input));
    } finally {
      await afterRetention.close();
    }
    // A day on, stored rows are deleted with their parts (they hold user keys).
    const count = async (table: "analysis_kept" | "analysis_kept_parts") =>
      (await opened.database.db.selectFrom(table).select("signature").execute()).length;
    expect(await count("analysis_kept")).toBe(1);
    expect(await deleteExpiredKept(opened.database.db, Date.now() + 2 * DAY)).toBe(1);
    expect(await count("analysis_kept")).toBe(0);
    expect(await count("analysis_kept_parts")).toBe(0);
  });

  it("that cannot be stored leave the result standing and the next analysis tells why", async () => {
    const rename = (from: string, to: string) =>
      sql`alter table ${sql.table(from)} rename to ${sql.table(to)}`.execute(opened.database.db);
    const storing = engine();
    await storing.run(input);
    await storing.close();
    await rename("analysis_kept_parts", "analysis_kept_parts_away");
    const failing = engine();
    try {
      // Stored rows that cannot be read: every event read again.
      const output = await failing.run(input);
      expect(output.run?.way).toBe("full");
      expect(output.run?.storeError).toMatch(/analysis_kept_parts/);
      expectSame(output, await reference(input));
      // Nor stored: the next analysis tells why.
      await seed(opened.database, 25, 480, 520);
      const next = await failing.run(input);
      expect(next.run?.storeError).toMatch(/analysis_kept_parts/);
      expectSame(next, await reference(input));
    } finally {
      await failing.close();
      await rename("analysis_kept_parts_away", "analysis_kept_parts");
    }
  });
});

// PostgreSQL draws event ids from a sequence for concurrent writers: a transaction still open
// when an analysis starts may hold a smaller id than the largest one visible. The analysis waits
// for it, counts its events once it commits, and reads nothing twice.
describe.each(DIALECTS.filter((d) => d === "postgres"))("open writers on %s", (dialect) => {
  const opened = useDatabase(dialect, (database) => seed(database, 13, 0, 100));

  it("count a transaction's events once it commits, below the largest id seen before", async () => {
    const pool = opened.database.pool as pg.Pool;
    const query = new AnalysisEngine(new PostgresRowSource(opened.database.db, pool));
    const reference = {
      run: (input: AnalysisInput) => oracleAnalysis(opened.database.db, "postgres", input),
    };
    const input = inputOf(SETTINGS[0] as (typeof SETTINGS)[number]);
    expectSame(await query.run(input), await reference.run(input));
    const event = (user: string, offset: number) => ({
      environment_id: 1,
      event_key: "purchase",
      user_key: user,
      value: null,
      properties: JSON.stringify({ price: 40, plan: "pro", discount: 10, cart: { total: 99 } }),
      context: null,
      timestamp: iso(START + 5 * DAY + offset),
      received_at: iso(END),
      source: "server",
      client_id: null,
    });
    // A writer takes an id and stays open; another commits larger ones (a user key that COPY
    // escapes among them).
    const open = await pool.connect();
    let waited = false;
    try {
      await open.query("begin; select pg_current_xact_id()");
      await open.query(
        `insert into raw_events (environment_id, event_key, user_key, value, properties, context, timestamp, received_at, source)
         values (1, 'purchase', $1, null, $2, null, $3, $3, 'server')`,
        ["user-1", event("user-1", 0).properties, iso(START + 5 * DAY)],
      );
      await opened.database.db
        .insertInto("raw_events")
        .values([event("user-2", 1), event("user\t\\3", 2)] as never)
        .execute();
      const running = query.run(input).then((output) => {
        waited = true;
        return output;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(waited).toBe(false);
      await open.query("commit");
      expectSame(await running, await reference.run(input));
    } finally {
      open.release();
    }
    // A second run reads nothing new and agrees again.
    expectSame(await query.run(input), await reference.run(input));
    expect(query.lastScan.to).toBeLessThan(query.lastScan.from);
  });

  it("reads what it sees, keeping nothing, while a writer stays open too long", async () => {
    const pool = opened.database.pool as pg.Pool;
    const query = new AnalysisEngine(
      new PostgresRowSource(opened.database.db, pool, { writersWaitMs: 200 }),
    );
    const reference = {
      run: (input: AnalysisInput) => oracleAnalysis(opened.database.db, "postgres", input),
    };
    const input = inputOf(SETTINGS[0] as (typeof SETTINGS)[number]);
    const open = await pool.connect();
    try {
      await open.query("begin; select pg_current_xact_id()");
      await open.query(
        `insert into raw_events (environment_id, event_key, user_key, value, properties, context, timestamp, received_at, source)
         values (1, 'signup', 'user-4', null, null, null, $1, $1, 'server')`,
        [iso(START + 6 * DAY)],
      );
      expectSame(await query.run(input), await reference.run(input));
      expect(query.lastScan.from).toBe(1);
      await open.query("commit");
      // The writer gone, the next analysis reads and keeps every row, its event among them.
      expectSame(await query.run(input), await reference.run(input));
      expect(query.lastScan.from).toBe(1);
    } finally {
      await open.query("rollback");
      open.release();
    }
  });
});
