// Propagation benchmark: time from the admin API call that changes a flag to its arrival at N
// connected SSE and WebSocket clients (in a separate process), next to a bare Node SSE server
// that only writes a pre-serialised message, measured in the same run.
//   npm run bench:propagation -w bench -- --clients 1000,10000 --changes 20
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, startServer } from "@flagsync-oss/server";
import { printTable } from "../table.js";
import { startBareSse } from "./bare-sse.js";

const TOKEN = "fs_admin_propagation-benchmark-token";
const CLIENTS = fileURLToPath(new URL("./clients.js", import.meta.url));
const now = (): number => performance.timeOrigin + performance.now();

function parseArgs(argv: string[]): { clients: number[]; changes: number; warmup: number } {
  const options = { clients: [1000, 10_000], changes: 20, warmup: 3 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--clients") options.clients = (argv[i + 1] ?? "").split(",").map(Number);
    if (argv[i] === "--changes") options.changes = Number(argv[i + 1]);
  }
  return options;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

interface Scenario {
  name: string;
  transport: "sse" | "ws";
  url: string;
  headers: Record<string, string>;
  trigger(change: number): Promise<void>;
}

async function measure(scenario: Scenario, count: number, changes: number, warmup: number) {
  const child = fork(CLIENTS, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const inbox: { type: string; change?: number; times?: number[] }[] = [];
  const waiters: (() => void)[] = [];
  child.on("message", (m: { type: string }) => {
    inbox.push(m);
    for (const w of waiters.splice(0)) w();
  });
  // Resolves with the first matching message; one waiter per call, woken on each message.
  const receive = (type: string, change?: number, timeoutMs = 120_000) =>
    new Promise<{ times?: number[] }>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const take = (): boolean => {
        const index = inbox.findIndex(
          (m) => m.type === type && (change === undefined || m.change === change),
        );
        if (index < 0) return false;
        clearTimeout(timer);
        resolve(inbox.splice(index, 1)[0] as { times?: number[] });
        return true;
      };
      timer = setTimeout(
        () => reject(new Error(`${scenario.name}: no ${type} for change ${change}`)),
        timeoutMs,
      );
      const wait = () => {
        if (!take()) waiters.push(wait);
      };
      wait();
    });
  child.send({
    type: "start",
    transport: scenario.transport,
    url: scenario.url,
    count,
    headers: scenario.headers,
  });
  await receive("ready");
  await new Promise((r) => setTimeout(r, 500));
  const latencies: number[] = [];
  const lastArrivals: number[] = [];
  for (let change = 1; change <= warmup + changes; change++) {
    child.send({ type: "watch", change });
    const started = now();
    await scenario.trigger(change);
    await receive("complete", change, 30_000);
    child.send({ type: "report", change });
    const { times = [] } = await receive("arrivals", change);
    if (change > warmup) {
      for (const t of times) latencies.push(t - started);
      lastArrivals.push(Math.max(...times) - started);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.send({ type: "exit" });
  latencies.sort((a, b) => a - b);
  lastArrivals.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    medianLast: percentile(lastArrivals, 50),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dataDir = mkdtempSync(join(tmpdir(), "flagsync-propagation-"));
  const server = await startServer(
    loadConfig({
      PORT: "0",
      DATABASE_URL: `sqlite:${join(dataDir, "bench.db")}`,
      FLAGSYNC_ADMIN_TOKEN: TOKEN,
      LOG_LEVEL: "silent",
      FLAGSYNC_DATA_DIR: dataDir,
      // Every client of the benchmark connects from this machine with one key.
      MAX_STREAMS_PER_ADDRESS: "100000",
      MAX_STREAMS_PER_KEY: "100000",
    }),
  );
  const serverKey = server.credentials.keys?.development?.find((k) => k.key.kind === "server")
    ?.secret as string;
  const admin = (method: string, path: string, body: unknown) =>
    fetch(`${server.url}/api/v1/workspaces/default${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  await admin("POST", "/flags", { key: "bench-flag", type: "boolean" });
  for (let i = 0; i < 20; i++)
    await admin("POST", "/flags", { key: `other-${i}`, type: "boolean" });
  await admin("PATCH", "/flags/bench-flag/environments/development", {
    enabled: true,
    seed: "initial",
  });
  const changeFlag = async (change: number) => {
    const response = await admin("PATCH", "/flags/bench-flag/environments/development", {
      seed: `prop-${change}`,
    });
    if (response.status !== 200) throw new Error(`admin API answered ${response.status}`);
  };
  const bare = await startBareSse();
  const wsUrl = server.url.replace("http", "ws");
  const scenarios: Scenario[] = [
    {
      name: "bare Node SSE server (reference)",
      transport: "sse",
      url: bare.url,
      headers: {},
      trigger: async (c) => bare.broadcast(c),
    },
    {
      name: "ours: SSE (/sse/sdk-updates/server)",
      transport: "sse",
      url: `${server.url}/sse/sdk-updates/server`,
      headers: { "x-ridgeline-key": serverKey },
      trigger: changeFlag,
    },
    {
      name: "ours: WebSocket (/sdk/connect)",
      transport: "ws",
      url: `${wsUrl}/sdk/connect`,
      headers: { "x-ridgeline-key": serverKey },
      trigger: changeFlag,
    },
  ];

  console.log(
    `Propagation: admin API change → arrival at every client; ${options.changes} changes after ${options.warmup} warm-up; clients in a separate process. Node ${process.version}.\n`,
  );
  const rows: string[][] = [];
  for (const count of options.clients) {
    for (const scenario of scenarios) {
      const r = await measure(scenario, count, options.changes, options.warmup);
      rows.push([
        scenario.name,
        count.toLocaleString("en-US"),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.max.toFixed(1),
        r.medianLast.toFixed(1),
      ]);
      console.log(`  measured ${scenario.name} × ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  const header = ["system", "clients", "p50 ms", "p99 ms", "max ms", "last client, median ms"];
  printTable(header, rows);
  await bare.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
process.exit(0);
