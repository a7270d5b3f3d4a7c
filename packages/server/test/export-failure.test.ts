// An export whose page read fails half-way ends so that the client can tell, on both databases:
// NDJSON with a last line in the one error shape, CSV as an aborted (incomplete) transfer; and
// the connection is closed, never left hanging. The failure is real: the table is renamed away
// while the export waits for the client to read.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./support/test-server.js";

/** Enough rows that the export outgrows every socket buffer between server and client. */
const EVENTS = 12_000;

describe.each(DIALECTS)("an export failing half-way on %s", (dialect) => {
  let server: TestServer;
  const path = "/api/v1/workspaces/default/environments/development/events";

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const key = server.keys.development?.server as string;
    const padding = "x".repeat(3000);
    const at = new Date(Date.now() - 60_000).toISOString();
    for (let first = 0; first < EVENTS; first += 300) {
      const events = Array.from({ length: 300 }, (_, i) => ({
        context: { key: `u${first + i}` },
        eventKey: "bulky",
        properties: { padding },
        timestamp: at,
      }));
      const response = await fetch(`${server.url}/track/events/server`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-ridgeline-key": key },
        body: JSON.stringify({ events }),
      });
      expect(response.status).toBe(200);
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  const rename = (from: string, to: string) =>
    sql`alter table ${sql.table(from)} rename to ${sql.table(to)}`.execute(server.database.db);

  /** Starts an export, reads its first chunk, breaks the table, then reads on. */
  const exportBroken = async (format: "ndjson" | "csv") => {
    const response = await fetch(`${server.url}${path}?key=bulky&format=${format}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    const first = await reader.read();
    if (first.value) chunks.push(first.value);
    await rename("raw_events", "raw_events_away");
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        chunks.push(next.value);
      }
      return { text: Buffer.concat(chunks).toString("utf8"), aborted: false };
    } catch {
      return { text: Buffer.concat(chunks).toString("utf8"), aborted: true };
    } finally {
      await rename("raw_events_away", "raw_events");
    }
  };

  it("ends NDJSON with an error line in the one error shape", async () => {
    const { text, aborted } = await exportBroken("ndjson");
    expect(aborted).toBe(false);
    const lines = text.trim().split("\n");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThan(EVENTS);
    const last = JSON.parse(lines[lines.length - 1] as string);
    expect(last).toEqual({
      error: {
        statusCode: 500,
        errorCode: "internal",
        message: expect.stringMatching(/^The export failed after \d+ rows/),
        path,
      },
    });
    for (const line of lines.slice(0, -1))
      expect((JSON.parse(line) as { eventKey: string }).eventKey).toBe("bulky");
  });

  it("aborts a CSV export so that the transfer is incomplete", async () => {
    const { text, aborted } = await exportBroken("csv");
    expect(aborted).toBe(true);
    expect(text.split("\n").length).toBeLessThan(EVENTS);
  });

  it("exports everything once the table is back", async () => {
    const response = await fetch(`${server.url}${path}?key=bulky&format=ndjson`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const lines = (await response.text()).trim().split("\n");
    expect(lines).toHaveLength(EVENTS);
    expect(lines.some((line) => line.startsWith('{"error"'))).toBe(false);
  });

  it.each([
    ["impressions", "raw_impressions", "ndjson"],
    ["impressions", "raw_impressions", "csv"],
    ["exposures", "exposures", "ndjson"],
    ["exposures", "exposures", "csv"],
  ])(
    "answers a %s export whose first page fails (%s, %s) with 500 in the one error shape",
    async (kind, table, format) => {
      const exportPath = `/api/v1/workspaces/default/environments/development/${kind}`;
      await rename(table, `${table}_away`);
      try {
        const response = await fetch(`${server.url}${exportPath}?format=${format}`, {
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        expect(response.status).toBe(500);
        expect(await response.json()).toEqual({
          statusCode: 500,
          errorCode: "internal",
          message: expect.any(String),
          path: exportPath,
        });
      } finally {
        await rename(`${table}_away`, table);
      }
    },
  );
});
