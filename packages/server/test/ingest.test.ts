// The ingestion rules of the track endpoints, on both databases: each item judged on its own,
// repeated ids stored once, every limit enforced, and acknowledgement only after commit.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exposureClass } from "../src/events/exposure-class.js";
import { DIALECTS } from "./support/databases.js";
import { openSse } from "./support/sse-client.js";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./support/test-server.js";

interface CatalogEntry {
  eventKey: string;
  total: number;
  last24h: number;
  value: { count: number; min: number; max: number; mean: number } | null;
  properties: Record<string, { types: string[]; examples: unknown[] }>;
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe.each(DIALECTS)("event ingestion on %s", (dialect) => {
  let server: TestServer;
  let key: string;
  const post = async (body: unknown) => {
    const response = await fetch(`${server.url}/track/events/server`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": key },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        accepted: number;
        duplicates: number;
        rejected: { index: number; reason: string }[];
      },
    };
  };
  const stored = async (eventKey: string) =>
    server.database.db
      .selectFrom("raw_events")
      .selectAll()
      .where("event_key", "=", eventKey)
      .orderBy("id")
      .execute();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    key = server.keys.development?.server as string;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("stores a repeated id once, within a batch and across requests", async () => {
    const event = (id: string, value: number) => ({
      id,
      context: { key: "u1" },
      eventKey: "dedupe",
      value,
      timestamp: minutesAgo(1),
    });
    const first = await post({ events: [event("a", 1), event("b", 2), event("a", 3)] });
    expect(first.body).toEqual({ accepted: 3, duplicates: 1, rejected: [] });
    const retry = await post({ events: [event("b", 2), event("c", 4)] });
    expect(retry.body).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    const rows = await stored("dedupe");
    expect(rows.map((r) => [r.client_id, r.value])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 4],
    ]);
    // Ids are per environment: the same id in production is another event.
    const production = await fetch(`${server.url}/track/events/server`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-ridgeline-key": server.keys.production?.server as string,
      },
      body: JSON.stringify({ events: [event("a", 9)] }),
    });
    expect(((await production.json()) as { duplicates: number }).duplicates).toBe(0);
  });

  it("keeps the good items of a mixed batch and names each bad one", async () => {
    const deep = (levels: number): Record<string, unknown> =>
      levels <= 1 ? { leaf: 1 } : { next: deep(levels - 1) };
    const manyKeys = Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`k${i}`, i]));
    const ok = { context: { key: "u2" }, eventKey: "mixed" };
    const body = `{"events": [
      ${JSON.stringify({ ...ok, value: 1.5, timestamp: minutesAgo(2) })},
      ${JSON.stringify({ ...ok, value: null, properties: null })},
      ${JSON.stringify({ ...ok, properties: deep(8), timestamp: Date.now() - 1000 })},
      ${JSON.stringify({ ...ok, value: "3" })},
      {"context": {"key": "u2"}, "eventKey": "mixed", "value": 1e999},
      ${JSON.stringify({ ...ok, properties: deep(9) })},
      ${JSON.stringify({ ...ok, properties: manyKeys })},
      ${JSON.stringify({ ...ok, properties: { blob: "x".repeat(40_000) } })},
      ${JSON.stringify({ ...ok, properties: [1, 2] })},
      ${JSON.stringify({ ...ok, eventKey: " padded" })},
      ${JSON.stringify({ ...ok, eventKey: "tab\there" })},
      ${JSON.stringify({ ...ok, eventKey: "k".repeat(201) })},
      ${JSON.stringify({ ...ok, timestamp: new Date(Date.now() + 25 * 3_600_000).toISOString() })},
      ${JSON.stringify({ ...ok, timestamp: new Date(Date.now() - 91 * 86_400_000).toISOString() })},
      ${JSON.stringify({ ...ok, timestamp: "yesterday" })},
      ${JSON.stringify({ ...ok, id: "" })},
      ${JSON.stringify({ eventKey: "mixed" })},
      "not an event"
    ]}`;
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(3);
    const reasons = Object.fromEntries(response.body.rejected.map((r) => [r.index, r.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
    ]);
    expect(reasons[3]).toMatch(/finite number/);
    expect(reasons[4]).toMatch(/finite number/);
    expect(reasons[5]).toMatch(/deeper than 8/);
    expect(reasons[6]).toMatch(/more than 256 keys/);
    expect(reasons[7]).toMatch(/exceed 32768 bytes/);
    expect(reasons[8]).toMatch(/must be an object/);
    expect(reasons[9]).toMatch(/white space/);
    expect(reasons[10]).toMatch(/control characters/);
    expect(reasons[11]).toMatch(/1 to 200/);
    expect(reasons[12]).toMatch(/24 hours in the future/);
    expect(reasons[13]).toMatch(/90-day retention/);
    expect(reasons[14]).toMatch(/not a date/);
    expect(reasons[15]).toMatch(/id must be/);
    expect(reasons[16]).toMatch(/context/);
    expect(reasons[17]).toMatch(/must be an object/);
    const rows = await stored("mixed");
    expect(rows.map((r) => r.value)).toEqual([1.5, null, null]);
    const properties = rows[2]?.properties;
    // jsonb comes back parsed from PostgreSQL, text from SQLite.
    const parsed = typeof properties === "string" ? JSON.parse(properties) : properties;
    expect(parsed.next.next.next.next.next.next.next.leaf).toBe(1);
  });

  it("maps served values to variants and keeps the first exposure per user and variant", async () => {
    await server.admin("POST", "/api/v1/workspaces/default/flags", {
      key: "register-button-copy",
      type: "string",
      variants: [
        { key: "register", value: "Register" },
        { key: "join-now", value: "Join Now" },
        { key: "sign-up", value: "Sign Up" },
      ],
    });
    const base = Date.now();
    const t = (m: number) => new Date(base - m * 60_000).toISOString();
    const impression = (
      user: string,
      value: unknown,
      at: string,
      flagKey = "register-button-copy",
    ) => ({ flagKey, flagValue: value, context: { key: user }, timestamp: at });
    const repeats = Array.from({ length: 200 }, () => impression("u1", "Register", t(5)));
    const response = await fetch(`${server.url}/track/impressions/server`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": key },
      body: JSON.stringify({
        impressions: [
          impression("u1", "Register", t(10)),
          ...repeats,
          impression("u1", "Register", t(20)),
          impression("u1", "Join Now", t(3)),
          impression("u2", "control", t(4)),
          impression("u3", "Nope", t(4)),
          impression("u4", true, t(4), "ghost-flag"),
        ],
      }),
    });
    expect(((await response.json()) as { accepted: number }).accepted).toBe(206);
    // An earlier impression arriving later still moves the first exposure back.
    await fetch(`${server.url}/track/impressions/server`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": key },
      body: JSON.stringify({
        impressions: [impression("u1", "Join Now", t(30)), impression("u1", "Register", t(1))],
      }),
    });
    const exposures = await server.database.db
      .selectFrom("exposures")
      .selectAll()
      .orderBy("user_key")
      .orderBy("flag_key")
      .orderBy("variant_id")
      .execute();
    // The flag is off: its known variants were served "off", which keeps them out of
    // experiments; unknown values and flags stay unknown (0).
    const decoded = exposures.map((e) => {
      const { variantId, exclusion } = exposureClass(e.variant_id);
      return [e.user_key, e.flag_key, variantId, exclusion, e.first_at];
    });
    expect(decoded).toEqual([
      ["u1", "register-button-copy", 1, "off", t(20)],
      ["u1", "register-button-copy", 2, "off", t(30)],
      ["u2", "register-button-copy", 0, null, t(4)],
      ["u3", "register-button-copy", 0, null, t(4)],
      ["u4", "ghost-flag", 0, null, t(4)],
    ]);
    const raw = await server.database.db
      .selectFrom("raw_impressions")
      .select(["user_key", "variant_id"])
      .where("user_key", "in", ["u1", "u2"])
      .execute();
    expect(raw).toHaveLength(206);
    expect(new Set(raw.map((r) => `${r.user_key}:${r.variant_id}`))).toEqual(
      new Set(["u1:1", "u1:2", "u2:null"]),
    );
  });

  it('maps a served "control" to the variant with that value, and warns about it', async () => {
    const created = await server.admin("POST", "/api/v1/workspaces/default/flags", {
      key: "classic-test",
      type: "string",
      variants: [
        { key: "baseline", value: "control" },
        { key: "treatment", value: "treatment" },
      ],
    });
    expect(created.body.warnings).toHaveLength(1);
    expect(created.body.warnings[0]).toMatch(/"baseline" has the value "control".*fallback/);
    const plain = await server.admin(
      "GET",
      "/api/v1/workspaces/default/flags/register-button-copy",
    );
    expect(plain.body.warnings).toEqual([]);
    const at = new Date().toISOString();
    const response = await fetch(`${server.url}/track/impressions/server`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": key },
      body: JSON.stringify({
        impressions: [
          { flagKey: "classic-test", flagValue: "control", context: { key: "c1" }, timestamp: at },
          {
            flagKey: "classic-test",
            flagValue: "treatment",
            context: { key: "c2" },
            timestamp: at,
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const exposures = await server.database.db
      .selectFrom("exposures")
      .select(["user_key", "variant_id"])
      .where("flag_key", "=", "classic-test")
      .orderBy("user_key")
      .execute();
    const ids = Object.fromEntries(
      (created.body.variants as { key: string; id: number }[]).map((v) => [v.key, v.id]),
    );
    expect(exposures.map((e) => [e.user_key, exposureClass(e.variant_id).variantId])).toEqual([
      ["c1", ids.baseline],
      ["c2", ids.treatment],
    ]);
  });

  it("takes the variant id and reason from our own SDK endpoint, checked against the flag", async () => {
    await server.admin("POST", "/api/v1/workspaces/default/flags", {
      key: "own-endpoint-flag",
      type: "string",
      variants: [
        { key: "a", value: "Alpha" },
        { key: "b", value: "Beta" },
      ],
    });
    const at = minutesAgo(2);
    const item = (user: string, extra: Record<string, unknown>) => ({
      flagKey: "own-endpoint-flag",
      context: { key: user },
      timestamp: at,
      ...extra,
    });
    const response = await fetch(`${server.url}/v1/track/impressions/server`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": key },
      body: JSON.stringify({
        impressions: [
          item("own-1", { variantId: 2, reason: "SPLIT" }),
          item("own-2", { variantId: 1, reason: "TARGETING_MATCH", flagValue: "Alpha" }),
          item("own-3", { variantId: 2 }),
          item("own-4", { variantId: 9, reason: "SPLIT" }),
          item("own-5", { variantId: "2", reason: "SPLIT" }),
          item("own-6", { reason: "ERROR", flagValue: "fallback" }),
          { ...item("own-7", { variantId: 1, reason: "DEFAULT" }), flagKey: "no-such-flag" },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      accepted: number;
      rejected: { index: number; reason: string }[];
    };
    expect(body.accepted).toBe(3);
    expect(body.rejected).toEqual([
      {
        index: 2,
        reason: "reason must be one of TARGETING_MATCH, SPLIT, DEFAULT, DISABLED, ERROR",
      },
      { index: 3, reason: "variantId 9 is not a variant of flag own-endpoint-flag" },
      { index: 4, reason: "variantId must be an integer (null only with reason ERROR)" },
      { index: 6, reason: "flag no-such-flag does not exist in this environment" },
    ]);
    const list = await server.admin(
      "GET",
      "/api/v1/workspaces/default/environments/development/impressions?key=own-endpoint-flag",
    );
    const rows = (
      list.body as {
        impressions: {
          userKey: string;
          variantId: number | null;
          reason: string | null;
          value: unknown;
        }[];
      }
    ).impressions;
    expect(rows.map((r) => [r.userKey, r.variantId, r.reason, r.value])).toEqual([
      ["own-1", 2, "SPLIT", "Beta"],
      ["own-2", 1, "TARGETING_MATCH", "Alpha"],
      ["own-6", null, "ERROR", "fallback"],
    ]);
    const exposures = await server.database.db
      .selectFrom("exposures")
      .select(["user_key", "variant_id"])
      .where("flag_key", "=", "own-endpoint-flag")
      .orderBy("user_key")
      .execute();
    // The reported reason decides: randomised (SPLIT), a rule, an error (unknown variant).
    expect(exposures.map((e) => [e.user_key, exposureClass(e.variant_id)])).toEqual([
      ["own-1", { variantId: 2, exclusion: null }],
      ["own-2", { variantId: 1, exclusion: "rule" }],
      ["own-6", { variantId: 0, exclusion: null }],
    ]);
    // The server's own derivation is kept beside it: the flag is off here.
    const derived = await server.database.db
      .selectFrom("raw_impressions")
      .select(["user_key", "derived_reason"])
      .where("flag_key", "=", "own-endpoint-flag")
      .orderBy("user_key")
      .execute();
    expect(derived.map((r) => [r.user_key, r.derived_reason])).toEqual([
      ["own-1", "DISABLED"],
      ["own-2", "DISABLED"],
      ["own-6", "DISABLED"],
    ]);
  });

  it("discovers events into a catalog that matches a recount of what was stored", async () => {
    const events = [];
    for (let i = 0; i < 300; i++) {
      const kind = ["purchase_event", "page_load_time", "signup"][i % 3] as string;
      events.push({
        id: `cat-${i % 290}`, // ten repeats, which must not be counted twice
        context: { key: `u-${i % 17}` },
        eventKey: kind,
        ...(kind === "page_load_time" ? { value: (i % 50) / 10 } : {}),
        ...(kind === "purchase_event"
          ? {
              value: i,
              properties: {
                price: i % 40,
                discount: i % 2 ? 0.1 : null,
                cart: { total: i * 2, items: ["a"] },
                coupon: i % 5 === 0 ? "SAVE" : undefined,
              },
            }
          : {}),
        timestamp: minutesAgo(1),
      });
    }
    for (let i = 0; i < events.length; i += 100) {
      expect((await post({ events: events.slice(i, i + 100) })).status).toBe(200);
    }
    const response = await server.admin(
      "GET",
      "/api/v1/workspaces/default/environments/development/event-catalog",
    );
    expect(response.status).toBe(200);
    const catalog = new Map((response.body.events as CatalogEntry[]).map((e) => [e.eventKey, e]));
    // Recount from the stored rows, in plain code.
    for (const kind of ["purchase_event", "page_load_time", "signup"]) {
      const rows = await stored(kind);
      const entry = catalog.get(kind);
      expect(entry?.total, kind).toBe(rows.length);
      expect(entry?.last24h, kind).toBe(rows.length);
      const values = rows.map((r) => r.value).filter((v): v is number => v !== null);
      if (values.length === 0) expect(entry?.value).toBeNull();
      else {
        expect(entry?.value?.count).toBe(values.length);
        expect(entry?.value?.min).toBe(Math.min(...values));
        expect(entry?.value?.max).toBe(Math.max(...values));
        expect(entry?.value?.mean).toBeCloseTo(
          values.reduce((a, b) => a + b, 0) / values.length,
          9,
        );
      }
    }
    expect((await stored("purchase_event")).length).toBe(97); // 100 sent, 3 repeated ids
    const purchase = catalog.get("purchase_event") as CatalogEntry;
    expect(purchase.properties.price?.types).toEqual(["number"]);
    expect(purchase.properties.discount?.types.sort()).toEqual(["null", "number"]);
    expect(purchase.properties["cart.total"]?.types).toEqual(["number"]);
    expect(purchase.properties["cart.items"]?.types).toEqual(["array"]);
    expect(purchase.properties.coupon?.types).toEqual(["string"]);
    expect(purchase.properties.coupon?.examples).toEqual(["SAVE"]);
    expect(purchase.properties.price?.examples.length).toBe(5);
    expect(catalog.get("signup")?.properties).toEqual({});
  });

  it("lists events with filters and pages, and exports them as NDJSON and CSV", async () => {
    const base = Date.now() - 3_600_000;
    const events = Array.from({ length: 30 }, (_, i) => ({
      context: { key: i % 2 ? "odd" : "even" },
      eventKey: "listed",
      value: i,
      properties: {
        price: i % 3,
        cart: { total: i * 10 },
        note: i === 4 ? 'say "hi", then\nleave' : "plain",
      },
      timestamp: new Date(base + i * 1000).toISOString(),
    }));
    await post({ events });
    const list = (query: string) =>
      server.admin(
        "GET",
        `/api/v1/workspaces/default/environments/development/events?key=listed&${query}`,
      );
    const odd = await list("user=odd&limit=100");
    expect(odd.body.events.map((e: { value: number }) => e.value)).toEqual(
      events.filter((_, i) => i % 2).map((e) => e.value),
    );
    expect((await list("prop.price=2")).body.events.map((e: { value: number }) => e.value)).toEqual(
      [2, 5, 8, 11, 14, 17, 20, 23, 26, 29],
    );
    expect(
      (await list("prop.cart.total=70")).body.events.map((e: { value: number }) => e.value),
    ).toEqual([7]);
    const window = await list(
      `from=${encodeURIComponent(new Date(base + 10_000).toISOString())}&to=${encodeURIComponent(new Date(base + 13_000).toISOString())}`,
    );
    expect(window.body.events.map((e: { value: number }) => e.value)).toEqual([10, 11, 12]);
    // Pages follow one another without gaps or repeats.
    const seen: number[] = [];
    let next: number | null = null;
    do {
      const page = await list(`limit=7${next ? `&after=${next}` : ""}`);
      seen.push(...page.body.events.map((e: { value: number }) => e.value));
      next = page.body.next;
    } while (next !== null);
    expect(seen).toEqual(events.map((e) => e.value));
    expect((await list("prop.=1")).status).toBe(400);
    expect((await list("bogus=1")).status).toBe(400);

    const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const ndjson = await fetch(
      `${server.url}/api/v1/workspaces/default/environments/development/events?key=listed&format=ndjson`,
      { headers },
    );
    expect(ndjson.headers.get("content-type")).toContain("application/x-ndjson");
    const lines = (await ndjson.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { value: number });
    expect(lines.map((l) => l.value)).toEqual(events.map((e) => e.value));
    const csv = await (
      await fetch(
        `${server.url}/api/v1/workspaces/default/environments/development/events?key=listed&format=csv&user=even`,
        { headers },
      )
    ).text();
    const [header, ...rows] = csv.trim().split("\n");
    expect(header).toBe(
      "id,timestamp,eventKey,userKey,value,properties,clientId,source,receivedAt",
    );
    // JSON cells are quoted with their quotes doubled; the newline inside stays inside the cell.
    expect(csv).toContain('""total"":40');
    expect(csv).toContain('\\""hi\\""');
    expect(rows.filter((r) => r.includes(",listed,even,")).length).toBe(15);
  });

  it("lists exposures with filters, pages them by cursor without repeats, and exports them", async () => {
    const values = ["Register", "Join Now", "Sign Up"];
    const impressions = (users: string[]) =>
      fetch(`${server.url}/track/impressions/server`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-ridgeline-key": key },
        body: JSON.stringify({
          impressions: users.map((user, i) => ({
            flagKey: "register-button-copy",
            flagValue: values[i % 3],
            context: { key: user },
            timestamp: minutesAgo(30 - i),
          })),
        }),
      });
    await impressions(Array.from({ length: 25 }, (_, i) => `xp-${String(i).padStart(2, "0")}`));
    type Exposure = { flagKey: string; userKey: string; variantId: number; firstAt: string };
    const list = (query: string) =>
      server.admin(
        "GET",
        `/api/v1/workspaces/default/environments/development/exposures?key=register-button-copy&${query}`,
      );
    const id = (e: Exposure) => `${e.userKey}:${e.variantId}`;
    const before = (await list("limit=1000")).body.exposures as Exposure[];
    expect(before.filter((e) => e.userKey.startsWith("xp-"))).toHaveLength(25);

    // Pages by cursor; an exposure stored between two pages, ahead of the cursor, shifts nothing.
    const seen: Exposure[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const page = await list(`limit=7${next ? `&after=${encodeURIComponent(next)}` : ""}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.exposures);
      next = page.body.next;
      if (++pages === 2) await impressions(["xp-000"]);
    } while (next !== null);
    expect(new Set(seen.map(id)).size).toBe(seen.length);
    for (const e of before) expect(seen.map(id)).toContain(id(e));
    const after = (await list("limit=1000")).body.exposures as Exposure[];
    expect(after).toHaveLength(before.length + 1);

    // Filters: user, variant and time.
    const one = (await list("user=xp-04")).body.exposures as Exposure[];
    expect(one.map((e) => e.userKey)).toEqual(["xp-04"]);
    const variant = one[0]?.variantId as number;
    const ofVariant = (await list(`variant=${variant}&limit=1000`)).body.exposures as Exposure[];
    expect(ofVariant.length).toBeGreaterThan(0);
    expect(ofVariant.every((e) => e.variantId === variant)).toBe(true);
    expect(ofVariant.map(id)).toEqual(after.filter((e) => e.variantId === variant).map(id));
    const from = minutesAgo(20);
    const windowed = (await list(`from=${encodeURIComponent(from)}&limit=1000`)).body
      .exposures as Exposure[];
    expect(windowed.map(id)).toEqual(after.filter((e) => e.firstAt >= from).map(id));

    // A cursor that no page gave is refused by field.
    const bad = await list("after=not-a-cursor");
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      { field: "query.after", message: "must be the next of a previous page" },
    ]);

    // The export streams every matching exposure, in the listing's order.
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const base = `${server.url}/api/v1/workspaces/default/environments/development/exposures?key=register-button-copy`;
    const ndjson = (await (await fetch(`${base}&format=ndjson`, { headers })).text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Exposure);
    expect(ndjson).toEqual(after);
    const [header, ...rows] = (await (await fetch(`${base}&format=csv`, { headers })).text())
      .trim()
      .split("\n");
    expect(header).toBe("flagKey,userKey,variantId,firstAt");
    expect(rows).toHaveLength(after.length);
  });

  it("deletes raw data past the retention and keeps the rest", async () => {
    const old = new Date(Date.now() - 91 * 86_400_000).toISOString();
    const recent = new Date(Date.now() - 60_000).toISOString();
    const row = (timestamp: string, eventKey: string) => ({
      environment_id: 1,
      event_key: eventKey,
      user_key: "r",
      value: null,
      properties: null,
      context: null,
      timestamp,
      received_at: timestamp,
      source: "server",
      client_id: null,
    });
    await server.database.db
      .insertInto("raw_events")
      .values([row(old, "retained-old"), row(old, "retained-old"), row(recent, "retained-new")])
      .execute();
    await server.database.db
      .insertInto("raw_impressions")
      .values({
        environment_id: 1,
        flag_key: "retained",
        user_key: "r",
        flag_value: JSON.stringify({ value: 1 }),
        variant_id: null,
        context: null,
        timestamp: old,
        received_at: old,
        source: "server",
      })
      .execute();
    await server.database.db
      .insertInto("ingest_commits")
      .values([
        {
          token: "old-group",
          result: null,
          committed_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        },
        { token: "new-group", result: null, committed_at: new Date().toISOString() },
      ])
      .execute();
    const result = await server.retention.runOnce();
    // Commit markers outlive their groups' retries by a day, then go.
    const markers = await server.database.db
      .selectFrom("ingest_commits")
      .select("token")
      .where("token", "in", ["old-group", "new-group"])
      .execute();
    expect(markers.map((m) => m.token)).toEqual(["new-group"]);
    expect(result.events).toBe(2);
    expect(result.impressions).toBe(1);
    expect(await stored("retained-old")).toHaveLength(0);
    expect(await stored("retained-new")).toHaveLength(1);
    // Exposures are not raw data: they stay.
    expect(
      (await server.database.db.selectFrom("exposures").selectAll().execute()).length,
    ).toBeGreaterThan(0);
  });

  it("streams committed events and impressions to live subscribers, filtered", async () => {
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const base = `${server.url}/api/v1/workspaces/default/environments/development/live`;
    const events = await openSse(`${base}?event=tail-me`, auth);
    const alice = await openSse(`${base}?user=alice`, auth);
    const flags = await openSse(`${base}?flag=tail-flag`, auth);
    expect(events.status).toBe(200);
    await post({
      events: [
        { context: { key: "alice" }, eventKey: "tail-me", value: 1 },
        { context: { key: "bob" }, eventKey: "tail-me", value: 2 },
        { context: { key: "alice" }, eventKey: "other", value: 3 },
      ],
    });
    await fetch(`${server.url}/track/impressions/server`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": key },
      body: JSON.stringify({
        impressions: [{ flagKey: "tail-flag", flagValue: true, context: { key: "alice" } }],
      }),
    });
    const values = (client: typeof events, n: number) =>
      client
        .message(n, 2000)
        .then(() => client.messages.map((m) => JSON.parse(m) as Record<string, unknown>));
    expect((await values(events, 2)).map((m) => m.value)).toEqual([1, 2]);
    expect((await values(alice, 3)).map((m) => m.eventKey ?? m.flagKey)).toEqual([
      "tail-me",
      "other",
      "tail-flag",
    ]);
    expect((await values(flags, 1)).map((m) => [m.flagKey, m.value, m.userKey])).toEqual([
      ["tail-flag", true, "alice"],
    ]);
    await new Promise((r) => setTimeout(r, 100));
    expect(events.messages).toHaveLength(2);
    for (const client of [events, alice, flags]) client.close();
  });

  it("drops a live subscriber that stops reading, and ingestion goes on unslowed", async () => {
    // A raw connection that reads the response head, then nothing: the server's unsent bytes
    // to it pile up once the socket buffers are full.
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    socket.write(
      `GET /api/v1/workspaces/default/environments/development/live?event=flood HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\n\r\n`,
    );
    const head = await new Promise<string>((resolve) =>
      socket.once("data", (d) => resolve(String(d))),
    );
    expect(head).toContain("200");
    socket.pause();
    let closed = false;
    socket.on("close", () => {
      closed = true;
    });
    const padding = "x".repeat(200);
    const slowest: number[] = [];
    for (let batch = 0; batch < 24 && !closed; batch++) {
      const started = performance.now();
      const response = await post({
        events: Array.from({ length: 2500 }, (_, i) => ({
          context: { key: `f-${i}` },
          eventKey: "flood",
          value: i,
          properties: { padding },
        })),
      });
      slowest.push(performance.now() - started);
      expect(response.body.accepted).toBe(2500);
    }
    // Reading again drains what was sent, then finds the stream closed by the server.
    socket.resume();
    socket.on("data", () => {});
    const ended = await new Promise<boolean>((resolve) => {
      if (closed) resolve(true);
      socket.once("close", () => resolve(true));
      setTimeout(() => resolve(false), 10_000);
    });
    socket.destroy();
    expect(ended).toBe(true);
    // Every batch was acknowledged as soon as stored, the stalled subscriber or not.
    expect(Math.max(...slowest)).toBeLessThan(5_000);
  });

  it("refuses prototype-poisoning bodies whatever their content type", async () => {
    const body =
      '{"events": [{"context": {"key": "p"}, "eventKey": "proto", "properties": {"__proto__": {"polluted": 1}}}]}';
    for (const type of ["application/json", "text/plain;charset=UTF-8"]) {
      const response = await fetch(`${server.url}/track/events/server`, {
        method: "POST",
        headers: { "content-type": type, "x-ridgeline-key": key },
        body,
      });
      expect(response.status, type).toBe(400);
    }
    expect(await stored("proto")).toHaveLength(0);
  });

  it("acknowledges concurrent requests only once their events are stored (group commit)", async () => {
    const requests = Array.from({ length: 40 }, (_, r) =>
      post({
        events: Array.from({ length: 25 }, (_, i) => ({
          id: `g-${r}-${i}`,
          context: { key: `u-${r}` },
          eventKey: "grouped",
          value: i,
        })),
      }),
    );
    const responses = await Promise.all(requests);
    expect(
      responses.every((r) => r.status === 200 && r.body.accepted === 25 && r.body.duplicates === 0),
    ).toBe(true);
    expect(await stored("grouped")).toHaveLength(1000);
  });
});
