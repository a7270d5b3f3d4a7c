// Every filter of the raw data lists is served by an index on both databases: the plan of each
// page query walks an index of the environment (no scan of the whole table), in the list's order.
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawDataQuery, type RawQuery } from "../src/events/event-query.js";
import type { Tables } from "../src/storage/tables.js";
import { DIALECTS } from "./support/databases.js";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./support/test-server.js";

const FROM = "2026-11-01T00:00:00.000Z";
const TO = "2026-11-02T00:00:00.000Z";

/** Each filter, the kind listed, and the indexes that may serve it. */
const CASES: [string, "events" | "impressions", Partial<RawQuery>, string[]][] = [
  ["environment only", "events", {}, ["raw_events_environment"]],
  ["event key", "events", { key: "purchase" }, ["raw_events_event_key"]],
  ["user", "events", { user: "u1" }, ["raw_events_user"]],
  ["time window", "events", { from: FROM, to: TO }, ["raw_events_time"]],
  ["time, after a page", "events", { from: FROM, after: 5 }, ["raw_events_time"]],
  ["user in a time window", "events", { user: "u1", from: FROM }, ["raw_events_user"]],
  [
    "key in a time window",
    "events",
    { key: "purchase", from: FROM },
    ["raw_events_time", "raw_events_event_key"],
  ],
  ["after a page", "events", { after: 5 }, ["raw_events_environment"]],
  ["impressions: environment", "impressions", {}, ["raw_impressions_environment"]],
  [
    "impressions: flag",
    "impressions",
    { key: "copy" },
    ["raw_impressions_flag", "raw_impressions_user_flag"],
  ],
  ["impressions: user", "impressions", { user: "u1" }, ["raw_impressions_user"]],
  ["impressions: time", "impressions", { from: FROM, to: TO }, ["raw_impressions_time"]],
];

describe.each(DIALECTS)("raw data list plans on %s", (dialect) => {
  let server: TestServer;
  let db: Kysely<Tables>;
  let pool: pg.Pool | undefined;
  const queries: CompiledQuery[] = [];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const log = (event: { level: string; query: CompiledQuery }): void => {
      if (event.level === "query") queries.push(event.query);
    };
    if (dialect === "sqlite") {
      db = new Kysely<Tables>({
        dialect: new SqliteDialect({ database: server.database.sqlite as never }),
        log,
      });
    } else {
      pool = new pg.Pool({ connectionString: server.testDatabase.url, max: 1 });
      db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), log });
    }
  });
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });

  /** The plan of a query, one line per step. */
  const plan = async (query: CompiledQuery): Promise<string> => {
    if (dialect === "sqlite") {
      const rows = server.database.sqlite
        ?.prepare(`explain query plan ${query.sql}`)
        .all(...(query.parameters as unknown[])) as { detail: string }[];
      return rows.map((r) => r.detail).join("\n");
    }
    const client = await (pool as pg.Pool).connect();
    try {
      // The test's tables are tiny, where a scan is cheapest: ask what the planner does once a
      // scan is not an option, i.e. whether an index can serve the filter at all.
      await client.query("set enable_seqscan = off");
      const result = await client.query(`explain ${query.sql}`, query.parameters as unknown[]);
      return result.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
    } finally {
      client.release();
    }
  };

  it.each(CASES)("%s uses an index", async (_name, kind, filters, indexes) => {
    queries.length = 0;
    const reader = new RawDataQuery(db, dialect);
    await reader[kind]({ environmentId: 1, limit: 100, ...filters });
    const page = queries[queries.length - 1] as CompiledQuery;
    expect(page.sql).toMatch(/limit/i);
    const text = await plan(page);
    const used = indexes.filter((index) =>
      dialect === "sqlite"
        ? new RegExp(`USING (COVERING )?INDEX ${index} \\(environment_id=\\?`).test(text)
        : new RegExp(`Index Scan using ${index} on`).test(text),
    );
    expect(used, text).not.toEqual([]);
    expect(text).not.toMatch(/Seq Scan|SCAN raw_/);
  });
});

describe.each(DIALECTS)("raw data lists with a time filter on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("go in time order, page by the last id without gaps or repeats, and export the same", async () => {
    const base = Date.now() - 3_600_000;
    // Stored in one order, timed in another (three share each timestamp).
    const events = Array.from({ length: 40 }, (_, i) => ({
      context: { key: `u${i % 3}` },
      eventKey: "timed",
      value: i,
      timestamp: new Date(base + (((i * 7) % 40) >> 1) * 1000).toISOString(),
    }));
    const key = server.keys.development?.server as string;
    await fetch(`${server.url}/track/events/server`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": key },
      body: JSON.stringify({ events }),
    });
    const path = "/api/v1/workspaces/default/environments/development/events";
    const from = encodeURIComponent(new Date(base + 2000).toISOString());
    const seen: { id: number; timestamp: string }[] = [];
    let next: number | null = null;
    do {
      const page = await server.admin(
        "GET",
        `${path}?key=timed&from=${from}&limit=7${next ? `&after=${next}` : ""}`,
      );
      seen.push(...page.body.events);
      next = page.body.next;
    } while (next !== null);
    const expected = events
      .map((e, i) => ({ id: i, timestamp: e.timestamp }))
      .filter((e) => e.timestamp >= new Date(base + 2000).toISOString())
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id - b.id);
    expect(seen.map((e) => e.timestamp)).toEqual(expected.map((e) => e.timestamp));
    expect(new Set(seen.map((e) => e.id)).size).toBe(expected.length);
    const ids = seen.map((e) => e.id);
    const exported = await fetch(`${server.url}${path}?key=timed&from=${from}&format=ndjson`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const lines = (await exported.text())
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { id: number }).id);
    expect(lines).toEqual(ids);
  });
});
