// A NUL character or a lone UTF-16 surrogate anywhere in a tracked item is refused for that item
// only, with a reason naming the field, on both databases: PostgreSQL cannot store either, and
// one such item must never fail the transaction that the good items of every client share.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: string }[];
}

const NUL = "a\u0000b";
const LONE = "a\ud800b";
const at = () => new Date(Date.now() - 60_000).toISOString();

/** Bad items of an event batch (client batches carry no per-item context) and the field named. */
function badEvents(withContext: boolean): [Record<string, unknown>, RegExp][] {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ id: NUL }, /^id contains a NUL/],
    [{ id: LONE }, /^id contains a NUL/],
    [{ eventKey: NUL }, /^eventKey contains a NUL/],
    [{ eventKey: LONE }, /^eventKey contains a NUL/],
    [{ properties: { [NUL]: 1 } }, /^properties\.a.b contains a NUL/],
    [{ properties: { nested: { list: [1, LONE] } } }, /^properties\.nested\.list\[1\] contains/],
  ];
  if (withContext) {
    cases.push(
      [{ context: { key: NUL } }, /^context\.key contains a NUL/],
      [
        { context: { key: "u", attributes: { plan: LONE } } },
        /^context\.attributes\.plan contains/,
      ],
    );
  }
  return cases;
}

describe.each(DIALECTS)("unstorable strings in tracked items on %s", (dialect) => {
  let server: TestServer;
  const send = async (
    path: string,
    kind: "server" | "client",
    body: unknown,
  ): Promise<{ status: number; body: IngestAnswer }> => {
    const keys = server.keys.development as { server: string; client: string };
    const response = await fetch(`${server.url}${path}/${kind}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ridgeline-key": keys[kind] },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as IngestAnswer };
  };
  const storedEvents = (eventKey: string) =>
    server.database.db
      .selectFrom("raw_events")
      .select(["client_id", "user_key"])
      .where("event_key", "=", eventKey)
      .orderBy("id")
      .execute();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.admin("POST", "/api/v1/workspaces/default/flags", {
      key: "copy",
      type: "string",
      variants: [
        { key: "a", value: "A" },
        { key: "b", value: "B" },
      ],
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each(["server", "client"] as const)(
    "refuses each bad %s event alone and stores the good ones",
    async (kind) => {
      const eventKey = `good-${kind}`;
      const good = (i: number) => ({
        id: `${kind}-${i}`,
        eventKey,
        timestamp: at(),
        ...(kind === "server" ? { context: { key: `u${i}` } } : {}),
      });
      const cases = badEvents(kind === "server");
      const events = [good(0)];
      for (const [i, [bad]] of cases.entries()) {
        events.push({ ...good(100 + i), ...bad }, good(i + 1));
      }
      const body = kind === "client" ? { context: { key: "browser" }, events } : { events };
      const answer = await send("/track/events", kind, body);
      expect(answer.status).toBe(200);
      expect(answer.body.accepted).toBe(cases.length + 1);
      expect(answer.body.rejected.map((r) => r.index)).toEqual(cases.map((_, i) => 1 + 2 * i));
      answer.body.rejected.forEach((rejection, i) => {
        expect(rejection.reason).toMatch((cases[i] as [unknown, RegExp])[1]);
      });
      const rows = await storedEvents(eventKey);
      expect(rows.map((r) => r.client_id)).toEqual(
        Array.from({ length: cases.length + 1 }, (_, i) => `${kind}-${i}`),
      );
    },
  );

  it("refuses a client batch whose shared context cannot be stored with 400, not 500", async () => {
    const answer = await send("/track/events", "client", {
      context: { key: NUL },
      events: [{ eventKey: "shared-bad", timestamp: at() }],
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toMatch(/context\.key contains a NUL/);
    expect(await storedEvents("shared-bad")).toEqual([]);
  });

  it.each([
    ["/track/impressions", "server"],
    ["/track/impressions", "client"],
    ["/v1/track/impressions", "server"],
  ] as const)("refuses each bad impression of %s/%s alone", async (path, kind) => {
    const user = `imp-${path.length}-${kind}`;
    const own = path.startsWith("/v1");
    const good = {
      flagKey: "copy",
      flagValue: "A",
      timestamp: at(),
      ...(own ? { variantId: 1, reason: "SPLIT" } : {}),
      ...(kind === "server" ? { context: { key: user } } : {}),
    };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ flagKey: NUL }, /^flagKey contains a NUL/],
      [{ flagKey: LONE }, /^flagKey contains a NUL/],
      [{ flagValue: LONE }, /^flagValue\.value contains a NUL/],
      [{ flagValue: { [LONE]: true } }, /^flagValue\.value\.a\ud800b contains a NUL/],
    ];
    if (kind === "server") cases.push([{ context: { key: LONE } }, /^context\.key contains/]);
    const impressions = [good];
    for (const [bad] of cases) impressions.push({ ...good, ...bad }, good);
    const body = kind === "client" ? { context: { key: user }, impressions } : { impressions };
    const answer = await send(path, kind, body);
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(cases.length + 1);
    expect(answer.body.rejected.map((r) => r.index)).toEqual(cases.map((_, i) => 1 + 2 * i));
    answer.body.rejected.forEach((rejection, i) => {
      expect(rejection.reason).toMatch((cases[i] as [unknown, RegExp])[1]);
    });
    const rows = await server.database.db
      .selectFrom("raw_impressions")
      .select("flag_key")
      .where("user_key", "=", user)
      .execute();
    expect(rows).toHaveLength(cases.length + 1);
  });

  it("keeps other clients' events when bad ids arrive at the same time", async () => {
    const keys = server.keys.development as { server: string; client: string };
    const post = (events: unknown[]) =>
      fetch(`${server.url}/track/events/client`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-ridgeline-key": keys.client },
        body: JSON.stringify({ context: { key: "shared" }, events }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as IngestAnswer }));
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(
          i % 3 === 0
            ? [{ id: `x\u0000${i}`, eventKey: "concurrent", timestamp: at() }]
            : [{ id: `ok-${i}`, eventKey: "concurrent", timestamp: at() }],
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.reduce((n, a) => n + a.body.accepted, 0)).toBe(20);
    expect(await storedEvents("concurrent")).toHaveLength(20);
  });
});
