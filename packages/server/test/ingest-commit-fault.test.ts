// A commit whose answer is lost: the database committed a group of events, but the connection
// dropped before the writer heard so. The retry must find the commit and answer with it, not
// store the events again (events without ids, which the official SDKs send) nor answer events
// with ids as duplicates of themselves. On SQLite a commit's outcome is never unknown, but a
// group written again with the same token must be answered the same way there too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventCatalog } from "../src/events/event-catalog.js";
import type { Work } from "../src/events/group-commit.js";
import { groupWriter } from "../src/events/group-writer.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "./support/databases.js";
import { type PgProxy, startPgProxy } from "./support/pg-proxy.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

describe("a PostgreSQL commit whose answer is lost", () => {
  let database: TestDatabase;
  let proxy: PgProxy;
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    proxy = await startPgProxy(database.url);
    server = await startTestServer("postgres", {
      testDatabase: { ...database, target: { dialect: "postgres", url: proxy.url } },
    });
    key = server.keys.development?.server as string;
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    await database?.drop();
  });

  const post = async (events: unknown[]) => {
    const response = await fetch(`${server.url}/track/events/server`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": key },
      body: JSON.stringify({ events }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const count = async (eventKey: string) =>
    (
      await server.database.db
        .selectFrom("raw_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("event_key", "=", eventKey)
        .executeTakeFirstOrThrow()
    ).n;

  it("stores events without ids once and acknowledges them", async () => {
    const lost = proxy.loseNextCommitAnswer();
    const events = Array.from({ length: 25 }, (_, i) => ({
      context: { key: `user-${i}` },
      eventKey: "lost-commit",
      value: i,
    }));
    const answer = await post(events);
    await lost;
    expect(answer).toEqual({
      status: 200,
      body: { accepted: 25, duplicates: 0, rejected: [] },
    });
    expect(Number(await count("lost-commit"))).toBe(25);
    // The event catalog counted them once too.
    const catalog = await server.admin(
      "GET",
      "/api/v1/workspaces/default/environments/development/event-catalog",
    );
    const entry = (catalog.body.events as { eventKey: string; total: number }[]).find(
      (e) => e.eventKey === "lost-commit",
    );
    expect(entry?.total).toBe(25);
  });

  it("answers events with ids as accepted, not as duplicates of themselves", async () => {
    await post([{ id: "seen-before", context: { key: "u" }, eventKey: "lost-ids" }]);
    const lost = proxy.loseNextCommitAnswer();
    const answer = await post([
      { id: "seen-before", context: { key: "u" }, eventKey: "lost-ids" },
      { id: "new-1", context: { key: "u" }, eventKey: "lost-ids" },
      { id: "new-2", context: { key: "u" }, eventKey: "lost-ids" },
    ]);
    await lost;
    // The one id stored before is the only duplicate, as on a first try without a fault.
    expect(answer).toEqual({ status: 200, body: { accepted: 3, duplicates: 1, rejected: [] } });
    expect(Number(await count("lost-ids"))).toBe(3);
  });
});

describe.each(DIALECTS)("a group written again with its token on %s", (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("is answered with the first write's results and stores nothing more", async () => {
    const environmentId = (
      await server.database.db
        .selectFrom("environments")
        .select("id")
        .where("key", "=", "development")
        .executeTakeFirstOrThrow()
    ).id;
    const row = (id: string | null, n: number) => ({
      environment_id: environmentId,
      event_key: "rewritten",
      user_key: `u${n}`,
      value: n,
      properties: null,
      context: null,
      timestamp: new Date().toISOString(),
      received_at: new Date().toISOString(),
      source: "server" as const,
      client_id: id,
    });
    const writer = groupWriter(server.database, new EventCatalog(server.database.db, dialect));
    try {
      const group: Work[] = [
        { token: "group-a", events: [row(null, 1), row("dup", 2), row("dup", 3)] },
        { token: "group-a", events: [row(null, 4)] },
        { token: "group-b", events: [row("x", 5)] },
      ];
      const first = await writer.write(group);
      expect(first.map((r) => r.duplicates)).toEqual([[2], [], []]);
      const again = await writer.write(group);
      expect(again.map((r) => r.duplicates)).toEqual([[2], [], []]);
      // A group mixing a committed token with a new one writes only the new one.
      const mixed = await writer.write([
        group[2] as Work,
        { token: "group-c", events: [row(null, 6)] },
      ]);
      expect(mixed.map((r) => r.duplicates)).toEqual([[], []]);
      const stored = await server.database.db
        .selectFrom("raw_events")
        .select("user_key")
        .where("event_key", "=", "rewritten")
        .orderBy("user_key")
        .execute();
      expect(stored.map((r) => r.user_key)).toEqual(["u1", "u2", "u4", "u5", "u6"]);
    } finally {
      await writer.close();
    }
  });
});
