// Analysis benchmark: 200,000 exposed users, 2,000,000 events, 3 variants, 5 metrics with CUPED,
// ingested through the real SDK endpoints; then the time to a fresh result, on SQLite and
// PostgreSQL.   npm run bench:analysis -w bench -- --users 200000 --events-per-user 10
import { loadConfig, startServer } from "@flagsync-oss/server";
import { createRandom } from "@flagsync-oss/testkit";
import { createBenchDatabase } from "../database.js";
import { printTable } from "../table.js";

const TOKEN = "fs_admin_analysis-benchmark-token";
const DAY = 86_400_000;

function parseArgs(argv: string[]) {
  const options = { users: 200_000, eventsPerUser: 10, runs: 3, dialects: ["sqlite", "postgres"] };
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1] ?? "";
    if (argv[i] === "--users") options.users = Number(next);
    if (argv[i] === "--events-per-user") options.eventsPerUser = Number(next);
    if (argv[i] === "--runs") options.runs = Number(next);
    if (argv[i] === "--dialects") options.dialects = next.split(",");
  }
  return options;
}

const VARIANTS = ["Register", "Join Now", "Sign Up"];

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

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const now = Date.now();
  const start = now - 10 * DAY;
  console.log(
    `Analysis: ${options.users.toLocaleString("en-US")} exposed users, ${(options.users * options.eventsPerUser).toLocaleString("en-US")} events, 3 variants, 5 metrics with CUPED; time to a fresh result (median of ${options.runs}). Node ${process.version}.\n`,
  );
  const rows: string[][] = [];
  for (const dialect of options.dialects) {
    const database = await createBenchDatabase(dialect, "analysis");
    const server = await startServer(
      loadConfig({
        PORT: "0",
        DATABASE_URL: database.url,
        LOG_LEVEL: "silent",
        FLAGSYNC_DATA_DIR: database.dir,
        FLAGSYNC_ADMIN_TOKEN: TOKEN,
      }),
    );
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
    const rnd = createRandom(7).next;
    const impressions: unknown[] = [];
    const events: unknown[] = [];
    for (let u = 0; u < options.users; u++) {
      const user = `user-${u}`;
      const variant = Math.floor(rnd() * 3);
      const exposure = start + Math.floor(rnd() * (now - start - DAY));
      impressions.push({
        flagKey: "register-button-copy",
        flagValue: VARIANTS[variant],
        context: { key: user },
        timestamp: new Date(exposure).toISOString(),
      });
      for (let k = 0; k < options.eventsPerUser; k++) {
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
    // While results compute, an SDK polls its rules: the server must keep answering.
    let polling = true;
    let slowestSdkMs = 0;
    const poller = (async () => {
      while (polling) {
        const t = performance.now();
        await fetch(`${server.url}/sdk/rules`, { headers: { "x-ridgeline-key": key } }).then((r) =>
          r.arrayBuffer(),
        );
        slowestSdkMs = Math.max(slowestSdkMs, performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    for (let r = 0; r < options.runs; r++) {
      const t = performance.now();
      const snapshot = (await admin("POST", "/experiments/copy/results")) as {
        result: { exposures: { analysed: Record<string, number> } };
      };
      times.push(performance.now() - t);
      analysed = Object.values(snapshot.result.exposures.analysed).reduce((a, b) => a + b, 0);
    }
    polling = false;
    await poller;
    const sorted = [...times].sort((a, b) => a - b);
    rows.push([
      dialect,
      analysed.toLocaleString("en-US"),
      events.length.toLocaleString("en-US"),
      `${ingestSeconds.toFixed(1)} s`,
      `${Math.round(times[0] as number)} ms`,
      `${Math.round(sorted[Math.floor((sorted.length - 1) / 2)] as number)} ms`,
      `${slowestSdkMs.toFixed(1)} ms`,
    ]);
    console.log(`  measured ${dialect}`);
    await server.stop();
    await database.remove();
  }
  printTable(
    [
      "database",
      "analysed users",
      "events",
      "ingestion",
      "first fresh result",
      "median fresh result",
      "slowest SDK request meanwhile",
    ],
    rows,
  );
}

await main();
process.exit(0);
