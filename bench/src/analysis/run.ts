// Analysis benchmark: 200,000 exposed users, 2,000,000 events, 3 variants, 5 metrics with CUPED,
// ingested through the real SDK endpoints; then the time to a fresh result, on SQLite and
// PostgreSQL: the first one, which reads every event, and each one after a further minute of
// traffic (new users' impressions and events, their times anywhere in the window, and some
// before exposure). Side by side (same data, same semantics, figures checked against the result)
// a straightforward SQL query on each database and the same query in DuckDB, which make the
// figures comparable across machines.
//   npm run bench:analysis -w bench -- --users 200000 --events-per-user 10 [--runs 5]
//     [--batch-users 2000] [--peers off]
import { evaluate, type Flag } from "@flagsync-oss/core";
import { createRandom } from "@flagsync-oss/testkit";
import { createBenchDatabase, startBenchServer } from "../database.js";
import { printTable } from "../table.js";
import {
  duckdbPeer,
  largestDifference,
  type PeerData,
  type PeerStatistics,
  type PeerWindow,
  postgresPeer,
  type ServerMetric,
  sqlitePeer,
} from "./peers.js";

const TOKEN = "fs_admin_analysis-benchmark-token";
const DAY = 86_400_000;

function parseArgs(argv: string[]) {
  const options = {
    users: 200_000,
    eventsPerUser: 10,
    runs: 5,
    batchUsers: 2_000,
    dialects: ["sqlite", "postgres"],
    peers: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1] ?? "";
    if (argv[i] === "--users") options.users = Number(next);
    if (argv[i] === "--events-per-user") options.eventsPerUser = Number(next);
    if (argv[i] === "--runs") options.runs = Number(next);
    if (argv[i] === "--batch-users") options.batchUsers = Number(next);
    if (argv[i] === "--dialects") options.dialects = next.split(",");
    if (argv[i] === "--peers") options.peers = next !== "off";
  }
  return options;
}

const VARIANTS = ["Register", "Join Now", "Sign Up"];
const SEED = "analysis-bench";
/**
 * The flag as the server holds it once set up (variant ids 1 to 3, this seed): impressions carry
 * the variant its rollout gives each user, as an SDK's would, so the results' assignment check
 * finds them consistent.
 */
const MODEL: Flag = {
  key: "register-button-copy",
  type: "string",
  variants: VARIANTS.map((value, i) => ({ id: i + 1, key: `v${i}`, value })),
  state: {
    enabled: true,
    offVariantId: 1,
    onVariantId: 1,
    seed: SEED,
    rules: [],
    rollout: VARIANTS.map((_, i) => ({ variantId: i + 1, percentage: i === 0 ? 34 : 33 })),
  },
};

/** Posts batches over `parallel` connections. */
async function postAll(
  url: string,
  key: string,
  path: string,
  field: string,
  items: unknown[],
  parallel = 8,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) {
        const batch = items.slice(next, next + 2000);
        next += 2000;
        const response = await fetch(`${url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-ridgeline-key": key },
          body: JSON.stringify({ [field]: batch }),
        });
        const body = (await response.json()) as { accepted: number };
        if (body.accepted !== batch.length)
          throw new Error(`only ${body.accepted} of ${batch.length} accepted`);
      }
    }),
  );
}

/** The same users, exposures and events for every database (and the peers' copy of them). */
function generate(users: number, eventsPerUser: number, start: number, now: number) {
  const rnd = createRandom(7).next;
  const impressions: unknown[] = [];
  const events: unknown[] = [];
  for (let u = 0; u < users; u++) {
    const user = `user-${u}`;
    const variant = (evaluate(MODEL, { key: user }).variantId as number) - 1;
    const exposure = start + Math.floor(rnd() * (now - start - DAY));
    impressions.push({
      flagKey: "register-button-copy",
      flagValue: VARIANTS[variant],
      context: { key: user },
      timestamp: new Date(exposure).toISOString(),
    });
    for (let k = 0; k < eventsPerUser; k++) {
      const before = rnd() < 0.3;
      const at = before
        ? exposure - 1 - Math.floor(rnd() * 14 * DAY)
        : exposure + Math.floor(rnd() * (now - exposure - 60_000));
      const type = k % 4;
      events.push(
        type === 0
          ? { eventKey: "signup", context: { key: user }, timestamp: new Date(at).toISOString() }
          : type === 1
            ? {
                eventKey: "page_load_time",
                value: 500 + Math.round(rnd() * 1000),
                context: { key: user },
                timestamp: new Date(at).toISOString(),
              }
            : {
                eventKey: "purchase",
                properties: {
                  price: Math.round(rnd() * 10000) / 100,
                  discount: rnd() < 0.3 ? 10 : null,
                  cart: { total: Math.round(rnd() * 300) },
                },
                context: { key: user },
                timestamp: new Date(at).toISOString(),
              },
      );
    }
  }
  const peerData: PeerData = {
    exposures: impressions.map((i) => {
      const impression = i as { flagValue: string; context: { key: string }; timestamp: string };
      return {
        user: impression.context.key,
        variant: `v${VARIANTS.indexOf(impression.flagValue)}`,
        at: Date.parse(impression.timestamp),
      };
    }),
    events: events.map((e) => {
      const event = e as {
        eventKey: string;
        value?: number;
        properties?: unknown;
        context: { key: string };
        timestamp: string;
      };
      return {
        user: event.context.key,
        key: event.eventKey,
        at: Date.parse(event.timestamp),
        value: event.value ?? null,
        properties: event.properties === undefined ? null : JSON.stringify(event.properties),
      };
    }),
  };
  return { impressions, events, peerData };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const now = Date.now();
  const start = now - 10 * DAY;
  console.log(
    `Analysis: ${options.users.toLocaleString("en-US")} exposed users, ${(options.users * options.eventsPerUser).toLocaleString("en-US")} events, 3 variants, 5 metrics with CUPED; time to a fresh result: the first, then the median of ${options.runs - 1} after a further ${(options.batchUsers * options.eventsPerUser).toLocaleString("en-US")} events each. Node ${process.version}.\n`,
  );
  const batches = Math.max(options.runs - 1, 0);
  const all = generate(
    options.users + batches * options.batchUsers,
    options.eventsPerUser,
    start,
    now,
  );
  const { peerData } = all;
  // The first users' data, then per batch the next users'.
  const slice = (batch: number) => {
    const from = batch === 0 ? 0 : options.users + (batch - 1) * options.batchUsers;
    const to = batch === 0 ? options.users : from + options.batchUsers;
    return {
      impressions: all.impressions.slice(from, to),
      events: all.events.slice(from * options.eventsPerUser, to * options.eventsPerUser),
    };
  };
  const { impressions, events } = slice(0);
  const rows: string[][] = [];
  const peerRows: string[][] = [];
  const median = (times: number[]) =>
    [...times].sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)] as number;
  let lastResult: { window: PeerWindow; metrics: ServerMetric[] } | undefined;
  // A peer's figures beside the result's: its time and whether it agrees.
  const peerRow = (name: string, times: number[], statistics: PeerStatistics) => {
    const difference = lastResult ? largestDifference(statistics, lastResult.metrics) : Infinity;
    peerRows.push([
      name,
      `${Math.round(median(times))} ms`,
      difference === Infinity ? "no: users differ" : `yes (${difference.toExponential(1)})`,
    ]);
  };
  for (const dialect of options.dialects) {
    const database = await createBenchDatabase(dialect, "analysis");
    const boot = () => startBenchServer(database, TOKEN);
    let server = await boot();
    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}/api/v1/workspaces/default${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (response.status >= 300) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
      return json;
    };
    const key = server.credentials.keys?.development?.find((k) => k.key.kind === "server")
      ?.secret as string;
    await admin("POST", "/flags", {
      key: "register-button-copy",
      type: "string",
      variants: VARIANTS.map((value, i) => ({ key: `v${i}`, value })),
    });
    // On, with a rollout over the three: experiments analyse the users a rollout assigned.
    await admin("PATCH", "/flags/register-button-copy/environments/development", {
      enabled: true,
      rollout: VARIANTS.map((_, i) => ({ variant: `v${i}`, percentage: i === 0 ? 34 : 33 })),
      seed: SEED,
    });
    const flag = (await admin("GET", "/flags/register-button-copy")) as {
      variants: { id: number; key: string }[];
    };
    if (flag.variants.some((v, i) => v.id !== i + 1 || v.key !== `v${i}`))
      throw new Error("the flag's variant ids are not the model's");
    const ingestStarted = performance.now();
    await postAll(server.url, key, "/track/impressions/server", "impressions", impressions);
    await postAll(server.url, key, "/track/events/server", "events", events);
    const ingestSeconds = (performance.now() - ingestStarted) / 1000;
    const metrics = [
      { key: "signup-rate", kind: "conversion", eventKey: "signup" },
      { key: "avg-page-load", kind: "average", eventKey: "page_load_time", direction: "decrease" },
      { key: "avg-price", kind: "average", eventKey: "purchase", valuePath: "price" },
      {
        key: "discounts",
        kind: "count",
        eventKey: "purchase",
        filters: [{ property: "discount", operator: "exists" }],
      },
      { key: "cart-total", kind: "sum", eventKey: "purchase", valuePath: "cart.total" },
    ];
    for (const metric of metrics) await admin("POST", "/metrics", metric);
    await admin("POST", "/experiments", {
      key: "copy",
      flag: "register-button-copy",
      environment: "development",
      baseline: "v0",
      primaryMetric: "signup-rate",
      secondaryMetrics: metrics.slice(1).map((m) => m.key),
      settings: { cuped: true },
      traffic: { v0: 1, v1: 1, v2: 1 },
    });
    await admin("POST", "/experiments/copy/start", { startedAt: new Date(start).toISOString() });
    const times: number[] = [];
    let analysed = 0;
    // While results compute (and traffic arrives between them), an SDK polls its rules: the
    // server must keep answering. The slowest answer is noted apart for each: a request that
    // began while an analysis ran counts for the analyses.
    let polling = true;
    let analysing = false;
    const slowestSdkMs = { analysis: 0, ingestion: 0 };
    const poller = (async () => {
      while (polling) {
        const during = analysing ? "analysis" : "ingestion";
        const t = performance.now();
        await fetch(`${server.url}/sdk/rules`, { headers: { "x-ridgeline-key": key } }).then((r) =>
          r.arrayBuffer(),
        );
        slowestSdkMs[during] = Math.max(slowestSdkMs[during], performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    for (let r = 0; r < options.runs; r++) {
      if (r > 0) {
        const batch = slice(r);
        await postAll(
          server.url,
          key,
          "/track/impressions/server",
          "impressions",
          batch.impressions,
        );
        await postAll(server.url, key, "/track/events/server", "events", batch.events);
      }
      const t = performance.now();
      analysing = true;
      const snapshot = (await admin("POST", "/experiments/copy/results")) as {
        result: {
          window: { start: string; end: string };
          exposures: { analysed: Record<string, number> };
          metrics: ServerMetric[];
        };
      };
      times.push(performance.now() - t);
      analysing = false;
      analysed = Object.values(snapshot.result.exposures.analysed).reduce((a, b) => a + b, 0);
      lastResult = {
        window: {
          environmentKey: "development",
          flagKey: "register-button-copy",
          start: snapshot.result.window.start,
          end: snapshot.result.window.end,
        },
        metrics: snapshot.result.metrics,
      };
    }
    polling = false;
    await poller;
    rows.push([
      dialect,
      analysed.toLocaleString("en-US"),
      all.events.length.toLocaleString("en-US"),
      `${ingestSeconds.toFixed(1)} s`,
      `${Math.round(times[0] as number)} ms`,
      times.length > 1 ? `${Math.round(median(times.slice(1)))} ms` : "-",
      `${slowestSdkMs.analysis.toFixed(1)} ms (${slowestSdkMs.ingestion.toFixed(1)} ms)`,
    ]);
    await server.stop();
    // A restart: the first result goes on from the rows the last analysis stored.
    server = await boot();
    const restarted = performance.now();
    await admin("POST", "/experiments/copy/results");
    const afterRestart = performance.now() - restarted;
    await server.stop();
    (rows.at(-1) as string[]).splice(5, 0, `${Math.round(afterRestart)} ms`);
    console.log(`  measured ${dialect}`);
    if (options.peers && lastResult) {
      const window = lastResult.window;
      const runs = Array.from({ length: options.runs });
      if (dialect === "sqlite") {
        const file = database.url.slice("sqlite:".length);
        for (const covering of [false, true]) {
          const measured = [];
          for (const _ of runs) measured.push(await sqlitePeer(file, window, covering));
          peerRow(
            `straightforward SQL on SQLite, ${covering ? "with a" : "without a"} covering index on events`,
            measured.map((m) => m.ms),
            (measured[0] as { statistics: PeerStatistics }).statistics,
          );
        }
      } else {
        const measured = [];
        for (const _ of runs) measured.push(await postgresPeer(database.url, window));
        peerRow(
          "straightforward SQL on PostgreSQL",
          measured.map((m) => m.ms),
          (measured[0] as { statistics: PeerStatistics }).statistics,
        );
      }
      console.log(`  measured the straightforward SQL on ${dialect}`);
    }
    await database.remove();
  }
  if (options.peers && lastResult) {
    const window = lastResult.window;
    const measured = [];
    for (const _ of Array.from({ length: options.runs }))
      measured.push(await duckdbPeer(peerData, Date.parse(window.start), Date.parse(window.end)));
    peerRow(
      `DuckDB ${"1.5"} in memory, the same query`,
      measured.map((m) => m.ms),
      (measured[0] as { statistics: PeerStatistics }).statistics,
    );
  }
  printTable(
    [
      "database",
      "analysed users",
      "events",
      "ingestion",
      "first result (every event read)",
      "first result after a restart",
      `fresh result after ${(options.batchUsers * options.eventsPerUser).toLocaleString("en-US")} more events (median)`,
      "slowest SDK request during analyses (during the traffic between them)",
    ],
    rows,
  );
  if (peerRows.length > 0) {
    console.log(
      "\nSide by side, final figures only (no daily series); agrees = same users, means and variances as the last result (largest relative difference):",
    );
    printTable(["peer", "median time", "agrees"], peerRows);
  }
}

await main();
process.exit(0);
