// CSV exports neutralise cells that a spreadsheet would run as formulas, on both databases:
// strings starting with =, +, -, @, a tab or a carriage return get a leading ', while numbers
// (-5) stay numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./support/test-server.js";

const HOSTILE = ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x","y")'];

/** Parses CSV text (quoted cells with doubled quotes and line breaks inside). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  return rows;
}

describe.each(DIALECTS)("CSV export cells on %s", (dialect) => {
  let server: TestServer;
  const exportCsv = async (kind: string, query: string) => {
    const response = await fetch(
      `${server.url}/api/v1/workspaces/default/environments/development/${kind}?format=csv&${query}`,
      { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
    );
    const [header, ...rows] = parseCsv(await response.text());
    return rows.map((row) => Object.fromEntries((header ?? []).map((h, i) => [h, row[i]])));
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const key = server.keys.development?.server as string;
    const at = new Date(Date.now() - 60_000).toISOString();
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-ridgeline-key": key },
        body: JSON.stringify(body),
      });
    await post("/track/events/server", {
      events: HOSTILE.map((text, i) => ({
        id: text,
        context: { key: text },
        eventKey: i === 0 ? "=cmd" : "csv",
        value: -5 - i,
        properties: { note: text },
        timestamp: at,
      })),
    });
    await post("/track/impressions/server", {
      impressions: HOSTILE.map((text) => ({
        flagKey: "csv-flag",
        flagValue: text,
        context: { key: text },
        timestamp: at,
      })),
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("prefixes strings that start a formula and keeps numbers as numbers", async () => {
    const rows = await exportCsv("events", "");
    expect(rows.map((r) => r.userKey)).toEqual(HOSTILE.map((text) => `'${text}`));
    expect(rows.map((r) => r.clientId)).toEqual(HOSTILE.map((text) => `'${text}`));
    expect(rows[0]?.eventKey).toBe("'=cmd");
    expect(rows[1]?.eventKey).toBe("csv");
    expect(rows.map((r) => r.value)).toEqual(HOSTILE.map((_, i) => String(-5 - i)));
    // JSON cells start with { or [: they are never formulas.
    expect(JSON.parse(rows[0]?.properties as string)).toEqual({ note: "=1+2" });
  });

  it("neutralises impressions' served values and users, and exposures' users", async () => {
    const impressions = await exportCsv("impressions", "key=csv-flag");
    expect(impressions.map((r) => r.value)).toEqual(HOSTILE.map((text) => `'${text}`));
    expect(impressions.map((r) => r.userKey)).toEqual(HOSTILE.map((text) => `'${text}`));
    const exposures = await exportCsv("exposures", "key=csv-flag");
    expect(exposures.map((r) => r.userKey).sort()).toEqual(
      HOSTILE.map((text) => `'${text}`).sort(),
    );
  });
});
