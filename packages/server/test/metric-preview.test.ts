// The metric preview (what a definition measures per day over the last days) on both databases,
// checked against a recomputation of the same generated events in plain code.
import { createRandom } from "@flagsync-oss/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const DAY = 86_400_000;

interface Sent {
  user: string;
  key: string;
  value: number | null;
  properties: Record<string, unknown> | null;
  at: number;
}

function generate(now: number): Sent[] {
  const random = createRandom(11).next;
  const events: Sent[] = [];
  for (let i = 0; i < 600; i++) {
    const plan = random() < 0.5 ? "pro" : random() < 0.5 ? "free" : 5;
    events.push({
      user: `u${Math.floor(random() * 60)}`,
      key: random() < 0.7 ? "purchase" : "page_view",
      value: random() < 0.2 ? null : Math.round(random() * 1000) / 10,
      properties:
        random() < 0.1
          ? null
          : { plan, cart: { total: random() < 0.15 ? "12" : Math.round(random() * 300) } },
      // Spread over the last 9 days: the first two fall outside a 7-day preview.
      at: now - Math.floor(random() * 9 * DAY),
    });
  }
  return events;
}

/** The preview recomputed in plain code: per day, per user, then over users. */
function expected(
  events: Sent[],
  now: number,
  kind: string,
  value: (e: Sent) => number | null,
  matches: (e: Sent) => boolean,
) {
  const first = new Date(now - 6 * DAY).toISOString().slice(0, 10);
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(Date.parse(first) + i * DAY).toISOString().slice(0, 10);
    const perUser = new Map<string, Sent[]>();
    for (const e of events) {
      if (new Date(e.at).toISOString().slice(0, 10) !== day || !matches(e)) continue;
      perUser.set(e.user, [...(perUser.get(e.user) ?? []), e]);
    }
    const values: number[] = [];
    for (const list of perUser.values()) {
      const numbers = list.map(value).filter((v): v is number => v !== null);
      if (kind === "conversion") values.push(1);
      else if (kind === "count") values.push(list.length);
      else if (kind === "sum") values.push(numbers.reduce((a, b) => a + b, 0));
      else if (numbers.length > 0) values.push(numbers.reduce((a, b) => a + b, 0) / numbers.length);
    }
    return {
      day,
      events: [...perUser.values()].reduce((n, l) => n + l.length, 0),
      users: perUser.size,
      valued: values.length,
      mean: values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length,
    };
  });
}

describe.each(DIALECTS)("metric preview on %s", (dialect) => {
  let server: TestServer;
  const now = Date.now();
  const events = generate(now);
  const preview = (body: unknown) =>
    server.admin(
      "POST",
      "/api/v1/workspaces/default/environments/development/metric-preview",
      body,
    );

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const response = await fetch(`${server.url}/track/events/server`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-ridgeline-key": server.keys.development?.server as string,
      },
      body: JSON.stringify({
        events: events.map((e) => ({
          eventKey: e.key,
          value: e.value,
          properties: e.properties,
          context: { key: e.user },
          timestamp: new Date(e.at).toISOString(),
        })),
      }),
    });
    expect(((await response.json()) as { accepted: number }).accepted).toBe(events.length);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const purchase = (e: Sent) => e.key === "purchase";
  const proPlan = (e: Sent) => purchase(e) && e.properties?.plan === "pro";
  const cartTotal = (e: Sent) => {
    const total = (e.properties?.cart as { total?: unknown } | undefined)?.total;
    return typeof total === "number" ? total : null;
  };
  const cases = [
    { body: { kind: "conversion", eventKey: "purchase" }, value: () => null, matches: purchase },
    {
      body: {
        kind: "count",
        eventKey: "purchase",
        filters: [{ property: "plan", operator: "equals", value: "pro" }],
      },
      value: () => null,
      matches: proPlan,
    },
    { body: { kind: "sum", eventKey: "purchase" }, value: (e: Sent) => e.value, matches: purchase },
    {
      body: { kind: "average", eventKey: "purchase", valuePath: "cart.total" },
      value: cartTotal,
      matches: purchase,
    },
  ];

  for (const c of cases) {
    it(`${c.body.kind}${"filters" in c.body ? " with a filter" : ""}: every day's figures match a recount`, async () => {
      const response = await preview(c.body);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const want = expected(events, now, c.body.kind, c.value, c.matches);
      expect(response.body.days.map((d: { day: string }) => d.day)).toEqual(want.map((d) => d.day));
      response.body.days.forEach(
        (d: { events: number; users: number; valued: number; mean: number | null }, i: number) => {
          const w = want[i] as (typeof want)[number];
          expect({ events: d.events, users: d.users, valued: d.valued }).toEqual({
            events: w.events,
            users: w.users,
            valued: w.valued,
          });
          if (w.mean === null) expect(d.mean).toBeNull();
          else expect(d.mean).toBeCloseTo(w.mean, 9);
        },
      );
      expect(want.some((d) => d.users > 0)).toBe(true);
    });
  }

  it("refuses a definition the metric API would refuse, naming the field", async () => {
    const response = await preview({ kind: "count", eventKey: "purchase", valuePath: "price" });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: "body.valuePath", message: "a count metric has no value: leave valuePath out" },
    ]);
  });
});
