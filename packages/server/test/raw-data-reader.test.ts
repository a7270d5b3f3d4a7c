// On a SQLite file, list and export pages are read by a thread of their own on its own
// read-only connection, not on the HTTP thread's connection: a row that the HTTP thread's
// connection has written but not committed is invisible to them. (PostgreSQL reads on the pool.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./support/test-server.js";

describe("raw data reads on a SQLite file", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("run on a connection of their own", async () => {
    const sqlite = server.database.sqlite;
    if (!sqlite) throw new Error("no SQLite connection");
    const at = new Date().toISOString();
    sqlite.exec("begin immediate");
    try {
      sqlite
        .prepare(
          "insert into raw_events (environment_id, event_key, user_key, timestamp, received_at, source) values (1, 'uncommitted', 'u', ?, ?, 'server')",
        )
        .run(at, at);
      const path = "/api/v1/workspaces/default/environments/development/events?key=uncommitted";
      const page = await server.admin("GET", path);
      expect(page.status).toBe(200);
      expect(page.body.events).toEqual([]);
      const exported = await fetch(`${server.url}${path}&format=ndjson`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(await exported.text()).toBe("");
      // The HTTP thread's own connection sees it: the reads above did not run there.
      expect(
        sqlite
          .prepare("select count(*) as n from raw_events where event_key = 'uncommitted'")
          .get(),
      ).toEqual({ n: 1 });
      sqlite.exec("commit");
    } finally {
      if (sqlite.inTransaction) sqlite.exec("rollback");
    }
    // Committed, the row is there for the reader too.
    const page = await server.admin(
      "GET",
      "/api/v1/workspaces/default/environments/development/events?key=uncommitted",
    );
    expect(page.body.events.map((e: { eventKey: string }) => e.eventKey)).toEqual(["uncommitted"]);
  });
});
