// Raw data benchmark: about a million events stored through the SDK endpoint, then the latency
// of list queries (each filter, a deep page, property filters, an export) over HTTP, and the
// latency of track requests alone and while loops of list queries run, on SQLite and PostgreSQL.
// The clients run in a separate process.
//   npm run bench:raw-data -w bench -- --events 1000000 --seconds 5 --loops 2 --dialects sqlite,postgres
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createBenchDatabase, startBenchServer } from "../database.js";
import { printTable } from "../table.js";

const LOAD = fileURLToPath(new URL("./load.js", import.meta.url));
const TOKEN = "fs_admin_raw-data-benchmark-token";

function parseArgs(argv: string[]) {
  const options = { events: 1_000_000, seconds: 5, loops: 2, dialects: ["sqlite", "postgres"] };
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1] ?? "";
    if (argv[i] === "--events") options.events = Number(next);
    if (argv[i] === "--seconds") options.seconds = Number(next);
    if (argv[i] === "--loops") options.loops = Number(next);
    if (argv[i] === "--dialects") options.dialects = next.split(",");
  }
  return options;
}

async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("analyze");
  await client.end();
}

interface Result {
  stored: number;
  fillSeconds: number;
  lists: { name: string; rows: number; p50: number; max: number }[];
  track: { name: string; requests: number; p50: number; p99: number; queries: number }[];
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  console.log(
    `Raw data: ${options.events.toLocaleString("en-US")} events over 30 days (20 event keys, 50,000 users) stored through /track/events/server, then list queries over HTTP (median and slowest run), then track requests of 100 events back to back for ${options.seconds} s alone and while ${options.loops} loops of list queries run. Clients in a separate process. Node ${process.version}.\n`,
  );
  const listRows: string[][] = [];
  const trackRows: string[][] = [];
  for (const dialect of options.dialects) {
    const database = await createBenchDatabase(dialect, "rawdata");
    const server = await startBenchServer(database, TOKEN);
    const key = server.credentials.keys?.development?.find((k) => k.key.kind === "server")
      ?.secret as string;
    const child = fork(LOAD, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const result = await new Promise<Result>((resolve, reject) => {
      child.on("message", (m) => {
        if ((m as { filled?: boolean }).filled) {
          // A bulk load outruns autovacuum's ANALYZE, which a live database runs as it grows:
          // without statistics PostgreSQL plans a key filter as if few rows matched.
          const analyzed = dialect === "postgres" ? analyze(database.url) : Promise.resolve();
          void analyzed.then(() => child.send({ go: true }), reject);
          return;
        }
        resolve(m as Result);
      });
      child.once("exit", (code) => {
        if (code !== 0) reject(new Error(`the load process exited with ${code}`));
      });
      child.send({
        url: server.url,
        key,
        token: TOKEN,
        events: options.events,
        seconds: options.seconds,
        loops: options.loops,
      });
    });
    console.log(
      `  ${dialect}: ${result.stored.toLocaleString("en-US")} events stored in ${result.fillSeconds.toFixed(1)} s`,
    );
    for (const l of result.lists)
      listRows.push([dialect, l.name, String(l.rows), l.p50.toFixed(1), l.max.toFixed(1)]);
    for (const t of result.track)
      trackRows.push([
        dialect,
        t.name,
        String(t.requests),
        t.p50.toFixed(1),
        t.p99.toFixed(1),
        String(t.queries),
      ]);
    await server.stop();
    await database.remove();
  }
  printTable(["database", "list query", "rows", "p50 ms", "max ms"], listRows, [0, 1]);
  printTable(
    [
      "database",
      "track requests (100 events)",
      "requests",
      "p50 ms",
      "p99 ms",
      "list queries meanwhile",
    ],
    trackRows,
    [0, 1],
  );
}

await main();
process.exit(0);
