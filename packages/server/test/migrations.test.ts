// Upgrading a database that holds data: the catalog written before counter slots existed
// (migration 0006) reads the same afterwards, on both databases.
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { EventCatalog } from "../src/events/event-catalog.js";
import { migrations, openDatabase, openSqlite } from "../src/storage/database.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "./support/databases.js";

describe.each(DIALECTS)("migrations on %s", (dialect) => {
  let database: TestDatabase;
  afterAll(async () => {
    await database?.drop();
  });

  it("keeps the event catalog's counts, values and properties across the slot migration", async () => {
    database = await createTestDatabase(dialect);
    // biome-ignore lint/suspicious/noExplicitAny: the schema of an older version
    const db = new Kysely<any>({
      dialect:
        database.target.dialect === "sqlite"
          ? new SqliteDialect({ database: openSqlite(database.target.path) })
          : new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url }) }),
    });
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations(dialect) },
    });
    const upTo = await migrator.migrateTo("0005-impression-reasons");
    expect(upTo.error).toBeUndefined();
    const properties = { price: { types: ["number"], examples: [5, 7] } };
    await db
      .insertInto("event_catalog")
      .values([
        {
          environment_id: 1,
          event_key: "purchase",
          first_seen: "2026-11-20T10:00:00.000Z",
          last_seen: "2026-11-25T10:00:00.000Z",
          total: 42,
          value_count: 40,
          value_min: 1.5,
          value_max: 99,
          value_sum: 400,
          properties: JSON.stringify(properties),
        },
        {
          environment_id: 1,
          event_key: "signup",
          first_seen: "2026-11-21T10:00:00.000Z",
          last_seen: "2026-11-24T10:00:00.000Z",
          total: 3,
          value_count: 0,
          value_min: null,
          value_max: null,
          value_sum: 0,
          properties: "{}",
        },
      ])
      .execute();
    await db
      .insertInto("event_counts")
      .values([
        { environment_id: 1, event_key: "purchase", hour: "2026-11-25T09", count: 30 },
        { environment_id: 1, event_key: "purchase", hour: "2026-11-25T10", count: 12 },
      ])
      .execute();
    await db.destroy();

    const upgraded = await openDatabase(database.target);
    try {
      const catalog = new EventCatalog(upgraded.db, upgraded.dialect);
      const now = Date.parse("2026-11-25T11:00:00.000Z");
      expect(await catalog.list(1, now)).toEqual([
        {
          eventKey: "purchase",
          firstSeen: "2026-11-20T10:00:00.000Z",
          lastSeen: "2026-11-25T10:00:00.000Z",
          total: 42,
          last24h: 42,
          value: { count: 40, min: 1.5, max: 99, mean: 10 },
          properties,
        },
        {
          eventKey: "signup",
          firstSeen: "2026-11-21T10:00:00.000Z",
          lastSeen: "2026-11-24T10:00:00.000Z",
          total: 3,
          last24h: 0,
          value: null,
          properties: {},
        },
      ]);
    } finally {
      await upgraded.close();
    }
  });
});
