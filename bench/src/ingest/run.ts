// Ingestion benchmark: concurrent HTTP clients (in a separate process) post batches of events to
// the real server; reports durable events/s (acknowledged, then recounted in the database) and
// acknowledgement latency, on SQLite and PostgreSQL.
//   npm run bench:ingest -w bench -- --connections 16 --seconds 10 --min-events 1000000
//   (--sqlite-synchronous full|normal: SQLite's sync at commit, SQLITE_SYNCHRONOUS; full by default)
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createBenchDatabase, startBenchServer } from "../database.js";
import { printTable } from "../table.js";

const LOAD = fileURLToPath(new URL("./load.js", import.meta.url));

function parseArgs(argv: string[]) {
  const options = {
    connections: 16,
    seconds: 10,
    batch: 100,
    minEvents: 1_000_000,
    dialects: ["sqlite", "postgres"],
    sqliteSynchronous: "full",
  };
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1] ?? "";
    if (argv[i] === "--connections") options.connections = Number(next);
    if (argv[i] === "--seconds") options.seconds = Number(next);
    if (argv[i] === "--batch") options.batch = Number(next);
    if (argv[i] === "--min-events") options.minEvents = Number(next);
    if (argv[i] === "--dialects") options.dialects = next.split(",");
    if (argv[i] === "--sqlite-synchronous") options.sqliteSynchronous = next;
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  console.log(
    `Ingestion: ${options.connections} connections posting batches of ${options.batch} events for ${options.seconds} s after a 3 s warm-up; load generator in a separate process; then, unmeasured, until at least ${options.minEvents.toLocaleString("en-US")} events are stored, for the catalog check. Node ${process.version}.\n`,
  );
  const rows: string[][] = [];
  for (const dialect of options.dialects) {
    const database = await createBenchDatabase(dialect, "ingest");
    const server = await startBenchServer(database, "fs_admin_ingest-benchmark-token-0123", {
      SQLITE_SYNCHRONOUS: options.sqliteSynchronous,
      // The benchmark measures how fast one key's batches are stored, not the limit per key.
      RATE_LIMIT_TRACK_PER_SECOND: "0",
    });
    const key = server.credentials.keys?.development?.find((k) => k.key.kind === "server")
      ?.secret as string;
    const child = fork(LOAD, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const result = await new Promise<{
      accepted: number;
      acceptedTotal: number;
      failures: number;
      seconds: number;
      p50: number;
      p99: number;
      requests: number;
    }>((resolve) => {
      child.once("message", (m) => resolve(m as never));
      child.send({
        url: server.url,
        key,
        connections: options.connections,
        batchSize: options.batch,
        warmupMs: 3000,
        durationMs: options.seconds * 1000,
        minEvents: options.minEvents,
      });
    });
    // The event catalog against a recount of the stored rows, and the time to read it over HTTP.
    const recount = await server.database.db
      .selectFrom("raw_events")
      .select((eb) => [
        "event_key",
        eb.fn.countAll().as("n"),
        eb.fn.count("value").as("values"),
        eb.fn.min("value").as("min"),
        eb.fn.max("value").as("max"),
        eb.fn.avg("value").as("mean"),
        eb.fn.count("properties").as("withProperties"),
      ])
      .groupBy("event_key")
      .execute();
    // The first read after the load, then the median of five more.
    const readCatalog = async () => {
      const started = performance.now();
      const response = await fetch(
        `${server.url}/api/v1/workspaces/default/environments/development/event-catalog`,
        { headers: { authorization: "Bearer fs_admin_ingest-benchmark-token-0123" } },
      );
      const body = (await response.json()) as {
        events: {
          eventKey: string;
          total: number;
          value: { count: number; min: number; max: number; mean: number } | null;
          properties: Record<string, { types: string[] }>;
        }[];
      };
      return { body, ms: performance.now() - started };
    };
    // This process's fetch loads its HTTP client on first use (tens of ms): warmed on another route.
    await (await fetch(`${server.url}/healthz`)).text();
    const first = await readCatalog();
    const catalog = first.body;
    const again: number[] = [];
    for (let i = 0; i < 5; i++) again.push((await readCatalog()).ms);
    again.sort((x, y) => x - y);
    const readMs = `first read ${first.ms.toFixed(1)} ms, then median ${again[2]?.toFixed(1)} ms`;
    const entries = new Map(catalog.events.map((e) => [e.eventKey, e]));
    // Counts exact; min and max exact; the mean to 1e-9 relative (sums in another order).
    const catalogMatches =
      recount.length === entries.size &&
      recount.every((r) => {
        const e = entries.get(r.event_key);
        const values = Number(r.values);
        const valueOk =
          values === 0
            ? e?.value === null
            : e?.value?.count === values &&
              e.value.min === Number(r.min) &&
              e.value.max === Number(r.max) &&
              Math.abs(e.value.mean - Number(r.mean)) <= 1e-9 * Math.abs(Number(r.mean));
        const propertiesOk =
          Number(r.withProperties) === 0 ||
          ["price", "discount", "sku"].every((p) => p in (e?.properties ?? {}));
        return e?.total === Number(r.n) && valueOk && propertiesOk;
      });
    const stored = Number(
      (
        (await server.database.db
          .selectFrom("raw_events")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()) as { n: number | string }
      ).n,
    );
    rows.push([
      dialect === "sqlite" ? `sqlite (synchronous=${options.sqliteSynchronous})` : dialect,
      String(options.connections),
      Math.round(result.accepted / result.seconds).toLocaleString("en-US"),
      result.p50.toFixed(1),
      result.p99.toFixed(1),
      `${stored === result.acceptedTotal ? "yes" : `NO (${stored} stored, ${result.acceptedTotal} acknowledged)`}`,
      String(result.failures),
      `${stored.toLocaleString("en-US")} events, ${recount.length} keys: ${catalogMatches ? "matches" : "DIFFERS"}; ${readMs}`,
    ]);
    console.log(`  measured ${dialect}`);
    await server.stop();
    await database.remove();
  }
  const header = [
    "database",
    "connections",
    "durable events/s",
    "ack p50 ms",
    "ack p99 ms",
    "acknowledged = stored",
    "failed requests",
    "catalog vs recount",
  ];
  printTable(header, rows);
}

await main();
process.exit(0);
