// Dashboard benchmark: the built bundle's sizes (raw and gzipped), and the first load of the
// flags page in Debian's Chromium against the real server with 200 flags: from navigation to
// the first page of the flag list on screen, with an empty browser cache each time (median of 5), then warm.
//   npm run build && npm run bench:dashboard -w bench
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { launchChromium } from "@flagsync-oss/testkit/browser";
import { createBenchDatabase, startBenchServer } from "../database.js";
import { printTable } from "../table.js";

const TOKEN = "fs_admin_dashboard-benchmark-token";
const DIST = fileURLToPath(new URL("../../../packages/dashboard/dist", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

async function main(): Promise<void> {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]));
  const rows = files(DIST)
    .filter((f) => /\.(js|css|html)$/.test(f))
    .map((f) => {
      const bytes = readFileSync(f);
      const name = f.slice(DIST.length + 1);
      return {
        name,
        raw: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        first: name === "index.html" || initial.has(name),
      };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const firstLoad = rows.filter((r) => r.first).reduce((n, r) => n + r.gzip, 0);
  console.log(
    `Dashboard bundle (packages/dashboard/dist): ${kb(firstLoad)} gzipped loaded by the first page; chart pages load the rest on demand.`,
  );
  printTable(
    ["file", "raw", "gzipped", "loaded by the first page"],
    rows.map((r) => [r.name, kb(r.raw), kb(r.gzip), r.first ? "yes" : "on demand"]),
  );

  const database = await createBenchDatabase("sqlite", "dashboard");
  const server = await startBenchServer(database, TOKEN);
  for (let i = 0; i < 200; i++) {
    await fetch(`${server.url}/api/v1/workspaces/default/flags`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        key: `flag-${String(i).padStart(3, "0")}`,
        type: "string",
        variants: [
          { key: "a", value: "A" },
          { key: "b", value: "B" },
          { key: "c", value: "C" },
        ],
      }),
    });
  }
  const browser = await launchChromium();
  const load = async (context: Awaited<ReturnType<typeof browser.newContext>>) => {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${server.url}/flags`);
    await page
      .getByRole("link", { name: "flag-049" })
      .waitFor({ timeout: 10_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(database.dir, "failed.png") });
        throw error;
      });
    const ms = performance.now() - started;
    await page.close();
    return ms;
  };
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < 5; run++) {
    // A new context has an empty cache; the token is in sessionStorage, set before the app runs.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({
      content: `sessionStorage.setItem("flagsync.adminToken", ${JSON.stringify(TOKEN)});`,
    });
    cold.push(await load(context));
    warm.push(await load(context));
    await context.close();
  }
  await browser.close();
  await server.stop();
  await database.remove();
  const median = (xs: number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  printTable(
    ["flags page (200 flags; the first 50 on screen)", "median of 5", "slowest"],
    [
      [
        "first load, empty cache",
        `${median(cold).toFixed(0)} ms`,
        `${Math.max(...cold).toFixed(0)} ms`,
      ],
      [
        "load again, cached assets",
        `${median(warm).toFixed(0)} ms`,
        `${Math.max(...warm).toFixed(0)} ms`,
      ],
    ],
  );
}

await main();
process.exit(0);
