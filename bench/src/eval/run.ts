// Local evaluation benchmark: 200 flags × 10,000 users through our core and through peer SDKs,
// each configured in its own idiomatic way, in one process and one run.
//   npm run bench -w bench            (all systems)
//   npm run bench -w bench -- --users 2000 --runs 3 --only ours,growthbook
import { createHash } from "node:crypto";
import type { Hash48 } from "@flagsync-oss/core";
import { benchmarkFlags, generateUsers } from "@flagsync-oss/testkit";
import { printTable } from "../table.js";
import type { Peer, PeerFactory } from "./peer.js";
import { plainLookup } from "./peers/baseline.js";
import { flagSyncSdk } from "./peers/flagsync-sdk.js";
import { growthbook } from "./peers/growthbook.js";
import { launchdarkly } from "./peers/launchdarkly.js";
import { openfeature } from "./peers/openfeature.js";
import { ours } from "./peers/ours.js";
import { sdkNode } from "./peers/sdk-node.js";
import { unleash } from "./peers/unleash.js";

interface Options {
  users: number;
  runs: number;
  only: string[] | undefined;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { users: 10_000, runs: 5, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1] ?? "";
    if (argv[i] === "--users") options.users = Number(next);
    if (argv[i] === "--runs") options.runs = Number(next);
    if (argv[i] === "--only") options.only = next.split(",");
  }
  return options;
}

const nativeHash48: Hash48 = (key, seed) =>
  createHash("sha256")
    .update(key + seed)
    .digest()
    .readUIntBE(0, 6);

interface System {
  id: string;
  kind: "ours" | "peer" | "reference";
  factory: PeerFactory;
}

const systems: System[] = [
  { id: "ours", kind: "ours", factory: ours("ours: @flagsync-oss/core (built-in SHA-256)") },
  {
    id: "ours-native",
    kind: "ours",
    factory: ours("ours: @flagsync-oss/core (node:crypto SHA-256)", nativeHash48),
  },
  { id: "sdk-node", kind: "ours", factory: sdkNode },
  { id: "baseline", kind: "reference", factory: plainLookup },
  { id: "growthbook", kind: "peer", factory: growthbook },
  { id: "launchdarkly", kind: "peer", factory: launchdarkly },
  { id: "unleash", kind: "peer", factory: unleash },
  { id: "openfeature", kind: "peer", factory: openfeature },
  { id: "flagsync", kind: "peer", factory: flagSyncSdk },
];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function measure(
  peer: Peer,
  users: Parameters<Peer["runAll"]>[0],
  flagCount: number,
  impressions: boolean,
  runs: number,
) {
  const gc = (globalThis as { gc?: () => void }).gc;
  await peer.beforeRun();
  await peer.runAll(users.slice(0, Math.ceil(users.length / 5)), impressions); // warm-up: JIT and caches
  const rates: number[] = [];
  let queued = 0;
  for (let run = 0; run < runs; run++) {
    await peer.beforeRun();
    gc?.();
    const started = process.hrtime.bigint();
    await peer.runAll(users, impressions);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rates.push((users.length * flagCount) / seconds);
    queued = peer.impressionCount();
  }
  return { perSecond: median(rates), queued };
}

const format = (n: number): string =>
  Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–";

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const flags = benchmarkFlags();
  const users = generateUsers(options.users);
  const chosen = systems.filter((s) => !options.only || options.only.includes(s.id));
  console.log(
    `Local evaluation: ${flags.length} flags × ${users.length.toLocaleString("en-US")} users per run, ` +
      `median of ${options.runs} runs after a warm-up. Node ${process.version}, ${process.arch}.\n`,
  );
  const rows: { system: System; name: string; off: number; on: number; note: string }[] = [];
  for (const system of chosen) {
    const peer = await system.factory(flags);
    const on = await measure(peer, users, flags.length, true, options.runs);
    const off = peer.canDisableImpressions
      ? await measure(peer, users, flags.length, false, options.runs)
      : on;
    const expected = users.length * flags.length;
    let note = peer.canDisableImpressions ? "" : "impressions always on";
    if (Number.isFinite(on.queued) && on.queued > 0 && on.queued !== expected)
      note = `${format(on.queued)} impressions/run`;
    rows.push({ system, name: peer.name, off: off.perSecond, on: on.perSecond, note });
    await peer.close();
    console.log(`  measured ${peer.name}`);
  }

  const fastest = (mode: "off" | "on") =>
    Math.max(...rows.filter((r) => r.system.kind === "peer").map((r) => r[mode]));
  const header = [
    "system",
    "impressions off: evals/s",
    "ns/eval",
    "impressions on: evals/s",
    "ns/eval",
    "note",
  ];
  const table = rows.map((r) => [
    r.name,
    format(r.off),
    (1e9 / r.off).toFixed(0),
    format(r.on),
    (1e9 / r.on).toFixed(0),
    r.note,
  ]);
  printTable(header, table, [0, 5]);

  const oursRow = rows.find((r) => r.system.id === "ours");
  if (oursRow && rows.some((r) => r.system.kind === "peer")) {
    console.log(
      `\nours / fastest peer: impressions off ${(oursRow.off / fastest("off")).toFixed(2)}×, ` +
        `impressions on ${(oursRow.on / fastest("on")).toFixed(2)}×`,
    );
  }
  // Our SDK records impressions always: against the fastest peer recording them, and against the
  // fastest peer recording none.
  const sdkRow = rows.find((r) => r.system.id === "sdk-node");
  if (sdkRow && rows.some((r) => r.system.kind === "peer")) {
    console.log(
      `sdk-node (impressions on) / fastest peer: with impressions on ${(sdkRow.on / fastest("on")).toFixed(2)}×, ` +
        `with impressions off ${(sdkRow.on / fastest("off")).toFixed(2)}×`,
    );
  }
}

await main();
process.exit(0);
