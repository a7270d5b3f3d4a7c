// Property filters of the event list give the same answer on both databases, or a 400 naming
// the parameter: typed equality on object members, and paths that either database could read
// differently refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

/** Stored properties; each event's value is its index here. */
const PROPERTIES: Record<string, unknown>[] = [
  { price: 7, name: "7", flag: true, cart: { total: 70, items: ["x", "y"] } },
  { price: 7.5, name: "seven", flag: false, cart: { total: 0 } },
  { price: "7", name: null, flag: "true", cart: { items: { "0": "x" } } },
  { price: -5, name: { first: "a" }, empty: "", deep: { a: { b: { c: { d: { e: { f: 1 } } } } } } },
  { "with space": "yes", "dash-key": "d", ünï: "ü", constructor: "c" },
];

/** Query → the values (indexes) of the matching events, or a 400. */
const CASES: [string, number[] | 400][] = [
  ["prop.price=7", [0, 2]],
  ["prop.price=7.0", [0]],
  ["prop.price=7.5", [1]],
  ["prop.price=-5", [3]],
  ["prop.price=-5e0", [3]],
  ["prop.price=07", []],
  ["prop.name=7", [0]],
  ["prop.name=null", []],
  ["prop.name=%7B%22first%22%3A%22a%22%7D", []],
  ["prop.flag=true", [0, 2]],
  ["prop.flag=false", [1]],
  ["prop.flag=1", []],
  ["prop.cart.total=70", [0]],
  ["prop.cart.total=0", [1]],
  ["prop.cart.items.0=x", [2]],
  ["prop.empty=", [3]],
  ["prop.deep.a.b.c.d.e.f=1", [3]],
  ["prop.with%20space=yes", [4]],
  ["prop.dash-key=d", [4]],
  ["prop.%C3%BCn%C3%AF=%C3%BC", [4]],
  ["prop.constructor=c", [4]],
  ["prop.__proto__=x", []],
  ["prop.toString=x", []],
  ["prop.price=7&prop.name=7", [0]],
  ["prop.k%5C=a", 400],
  ["prop.q%22uote=b", 400],
  ["prop.a..b=1", 400],
  ["prop.a.=1", 400],
  ["prop..a=1", 400],
  ["prop.=1", 400],
  ["prop.tab%09key=1", 400],
  ["prop.a.b.c.d.e.f.g.h.i=1", 400],
  [`prop.${"k".repeat(201)}=1`, 400],
];

describe.each(DIALECTS)("event property filters on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const key = server.keys.development?.server as string;
    const at = new Date(Date.now() - 60_000).toISOString();
    const response = await fetch(`${server.url}/track/events/server`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": key },
      body: JSON.stringify({
        events: PROPERTIES.map((properties, value) => ({
          context: { key: "u" },
          eventKey: "filtered",
          value,
          properties,
          timestamp: at,
        })),
      }),
    });
    expect(await response.json()).toMatchObject({ accepted: PROPERTIES.length });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each(CASES)("%s", async (query, expected) => {
    const response = await server.admin(
      "GET",
      `/api/v1/workspaces/default/environments/development/events?key=filtered&${query}`,
    );
    if (expected === 400) {
      expect(response.status).toBe(400);
      const name = decodeURIComponent(query.slice(0, query.indexOf("=")));
      expect(response.body).toMatchObject({
        statusCode: 400,
        errorCode: "validation_failed",
        details: [{ field: `query.${name}` }],
      });
      return;
    }
    expect(response.status).toBe(200);
    expect(response.body.events.map((e: { value: number }) => e.value)).toEqual(expected);
  });

  /** Metric filters read paths with the same helpers: same member-only keys, same refusals. */
  it.each([
    [{ property: "cart.items.0", operator: "equals", value: "x" }, 1],
    [{ property: "price", operator: "equals", value: 7 }, 1],
    [{ property: "price", operator: "equals", value: "7" }, 1],
    [{ property: "flag", operator: "equals", value: true }, 1],
    [{ property: "deep.a.b.c.d.e.f", operator: "gte", value: 1 }, 1],
    [{ property: "__proto__", operator: "exists" }, 0],
    [{ property: "k\\", operator: "exists" }, 400],
    [{ property: 'q"uote', operator: "exists" }, 400],
    [{ property: "a..b", operator: "exists" }, 400],
    [{ property: "a.b.c.d.e.f.g.h.i", operator: "exists" }, 400],
  ] as const)("metric filter %j counts %s", async (filter, expected) => {
    const response = await server.admin(
      "POST",
      "/api/v1/workspaces/default/environments/development/metric-preview",
      { kind: "count", eventKey: "filtered", filters: [filter] },
    );
    if (expected === 400) {
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.details)).toContain("filters");
      return;
    }
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const total = response.body.days.reduce((n: number, d: { events: number }) => n + d.events, 0);
    expect(total).toBe(expected);
  });
});
