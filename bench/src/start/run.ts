// Start-up benchmark: from `npm start` (and from `node packages/server/dist/main.js`, the server
// alone) to the line that prints the dashboard's address, on a SQLite file that exists already:
// with nothing changed since the last start, after a server source file changed, and after a
// dashboard source file changed. Median and worst of 5 runs each. Goal: under 2 s unchanged.
//   npm run build && npm run bench:start -w bench
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { printTable } from "../table.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const RUNS = 5;

/** Starts a command and resolves with the ms until it prints the dashboard's address. */
async function timeToAddress(command: string, args: string[], dataDir: string): Promise<number> {
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", FLAGSYNC_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no address after 120 s:\n${output}`)),
        120_000,
      );
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Dashboard: http:\/\//.test(output)) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      };
      child.stdout?.on("data", read);
      child.stderr?.on("data", read);
      child.on("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
  } finally {
    // The whole process group: npm, and the node it started.
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.on("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
  }
}

function touch(path: string): void {
  const now = new Date();
  utimesSync(join(ROOT, path), now, now);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "flagsync-start-"));
  const scenarios: { name: string; command: string; args: string[]; before?: () => void }[] = [
    { name: "npm start, nothing changed", command: "npm", args: ["start"] },
    {
      name: "npm start, a server source changed",
      command: "npm",
      args: ["start"],
      before: () => touch("packages/server/src/main.ts"),
    },
    {
      name: "npm start, a dashboard source changed",
      command: "npm",
      args: ["start"],
      before: () => touch("packages/dashboard/src/app.tsx"),
    },
    {
      name: "server alone (node dist/main.js)",
      command: process.execPath,
      args: ["packages/server/dist/main.js"],
    },
  ];
  try {
    // The first start creates the workspace; what follows measures later starts.
    await timeToAddress("npm", ["start"], dataDir);
    const rows: string[][] = [];
    for (const scenario of scenarios) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        scenario.before?.();
        times.push(await timeToAddress(scenario.command, scenario.args, dataDir));
      }
      times.sort((a, b) => a - b);
      rows.push([
        scenario.name,
        seconds(times[Math.floor(RUNS / 2)] as number),
        seconds(times[RUNS - 1] as number),
      ]);
    }
    console.log(
      `Start-up to the printed dashboard address, ${RUNS} runs each (SQLite file, ${process.version})`,
    );
    printTable(["scenario", "median", "worst"], rows);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
