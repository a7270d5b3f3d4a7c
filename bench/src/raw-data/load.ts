// The client side of the raw data benchmark, in its own process: fills the server with events
// through the SDK endpoint, times list queries over HTTP, then times track requests alone and
// while loops of list queries run.
import { performance } from "node:perf_hooks";

interface Start {
  url: string;
  key: string;
  token: string;
  events: number;
  seconds: number;
  loops: number;
}

const DAY = 86_400_000;
const SPAN_DAYS = 30;
const EVENT_KEYS = 20;
const USERS = 50_000;
const BATCH = 4000;

/** Event n of the fill: spread evenly over the last 30 days, in time order. */
function event(n: number, total: number, now: number) {
  return {
    id: `fill-${n}`,
    context: { key: `user-${n % USERS}`, attributes: { plan: n % 3 ? "free" : "pro" } },
    eventKey: `ev-${n % EVENT_KEYS}`,
    value: n % 100,
    properties: { price: n % 50, sku: `S${n % 7}`, cart: { items: n % 5 } },
    timestamp: new Date(
      now - SPAN_DAYS * DAY + Math.floor((n * SPAN_DAYS * DAY) / total),
    ).toISOString(),
  };
}

async function post(url: string, key: string, events: unknown[]): Promise<number> {
  const response = await fetch(`${url}/track/events/server`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-ridgeline-key": key },
    body: JSON.stringify({ events }),
  });
  const body = (await response.json()) as { accepted?: number };
  if (response.status !== 200) throw new Error(`track answered ${response.status}`);
  return body.accepted ?? 0;
}

async function fill(start: Start, now: number): Promise<number> {
  let next = 0;
  let stored = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < start.events) {
        const first = next;
        next += BATCH;
        const events = [];
        for (let n = first; n < Math.min(first + BATCH, start.events); n++)
          events.push(event(n, start.events, now));
        const accepted = await post(start.url, start.key, events);
        stored += accepted;
      }
    }),
  );
  return stored;
}

const quantile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

/** One list request; the body is read to its end. Returns the rows received. */
async function list(start: Start, query: string): Promise<number> {
  const response = await fetch(
    `${start.url}/api/v1/workspaces/default/environments/development/events?${query}`,
    { headers: { authorization: `Bearer ${start.token}` } },
  );
  const text = await response.text();
  if (response.status !== 200) throw new Error(`list ${query} answered ${response.status}`);
  if (query.includes("format=ndjson")) return text.split("\n").length - 1;
  return (JSON.parse(text) as { events: unknown[] }).events.length;
}

/** Track requests of 100 events back to back for `ms`: their latencies, sorted. */
async function trackFor(start: Start, ms: number, tag: string): Promise<number[]> {
  const latencies: number[] = [];
  const stopAt = performance.now() + ms;
  for (let b = 0; performance.now() < stopAt; b++) {
    const events = Array.from({ length: 100 }, (_, i) => ({
      context: { key: `tracker-${i}` },
      eventKey: `track-${tag}`,
      value: i,
      properties: { batch: b },
    }));
    const sent = performance.now();
    await post(start.url, start.key, events);
    latencies.push(performance.now() - sent);
  }
  return latencies.sort((a, b) => a - b);
}

process.once("message", async (start: Start) => {
  const now = Date.now();
  const began = performance.now();
  const stored = await fill(start, now);
  const fillSeconds = (performance.now() - began) / 1000;
  // The server's side may update the planner's statistics before anything is timed.
  process.send?.({ filled: true });
  await new Promise((resolve) => process.once("message", resolve));
  const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
  const cases: [string, string][] = [
    ["first page, no filter", "limit=100"],
    ["page after id 500,000", "limit=100&after=500000"],
    ["event key", "key=ev-3&limit=100"],
    ["user", "user=user-777&limit=100"],
    ["last hour", `from=${iso(now - 3_600_000)}&limit=100`],
    [
      "event key, one day 10 days ago",
      `key=ev-3&from=${iso(now - 10 * DAY)}&to=${iso(now - 9 * DAY)}&limit=100`,
    ],
    ["user, last 7 days", `user=user-777&from=${iso(now - 7 * DAY)}&limit=100`],
    ["property price=7 (1 in 50)", "prop.price=7&limit=100"],
    ["property matching nothing", "prop.sku=none&limit=100"],
    ["export ndjson, one key, last 7 days", `key=ev-3&from=${iso(now - 7 * DAY)}&format=ndjson`],
  ];
  const lists: { name: string; rows: number; p50: number; max: number }[] = [];
  for (const [name, query] of cases) {
    const runs = query.includes("prop.sku=none") || query.includes("format=") ? 5 : 20;
    await list(start, query);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      rows = await list(start, query);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    lists.push({ name, rows, p50: quantile(times, 0.5), max: times[times.length - 1] ?? 0 });
  }
  const ms = start.seconds * 1000;
  await trackFor(start, 1000, "warm");
  const alone = await trackFor(start, ms, "alone");
  const withLoops = async (queries: string[], tag: string) => {
    let running = true;
    let done = 0;
    const loops = Array.from({ length: start.loops }, async (_, l) => {
      for (let i = l; running; i++) {
        await list(start, queries[i % queries.length] as string);
        done++;
      }
    });
    const latencies = await trackFor(start, ms, tag);
    running = false;
    await Promise.all(loops);
    return { latencies, queries: done };
  };
  const indexed = cases.slice(0, 7).map(([, q]) => q);
  const pages = await withLoops(indexed, "pages");
  const worst = await withLoops(["prop.sku=none&limit=100"], "worst");
  const summary = (sorted: number[]) => ({
    requests: sorted.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
  });
  process.send?.({
    stored,
    fillSeconds,
    lists,
    track: [
      { name: "alone", ...summary(alone), queries: 0 },
      {
        name: `${start.loops} loops of indexed list pages`,
        ...summary(pages.latencies),
        queries: pages.queries,
      },
      {
        name: `${start.loops} loops of a property filter matching nothing`,
        ...summary(worst.latencies),
        queries: worst.queries,
      },
    ],
  });
  process.exit(0);
});
