// `npm start`: build what changed since the last start, then run the server in this process.
// The server's TypeScript is built incrementally by `tsc -b` (nothing to do when unchanged); the
// dashboard is built by Vite only when one of its inputs is newer than its last build.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dashboard = join(root, "packages/dashboard");
/** Written last by a dashboard build, so its time is when the build finished. */
const builtMarker = join(dashboard, "dist/index.html");
const dashboardInputs = [
  join(dashboard, "src"),
  join(dashboard, "scripts"),
  join(dashboard, "index.html"),
  join(dashboard, "vite.config.ts"),
  join(dashboard, "package.json"),
  join(root, "package-lock.json"),
];

/** Newest modification time (ms) of a file, or of any file under a folder. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Runs a build step with its output shown; a failure ends the start with its exit code. */
function run(what, args, onFailure = () => {}) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    onFailure();
    console.error(`npm start: ${what} failed; nothing was started.`);
    process.exit(result.status ?? 1);
  }
}

run("building the server", [
  join(root, "node_modules/typescript/bin/tsc"),
  "-b",
  "packages/server",
]);

const builtAt = existsSync(builtMarker) ? statSync(builtMarker).mtimeMs : 0;
if (Math.max(...dashboardInputs.map(newest)) > builtAt) {
  console.log("npm start: building the dashboard (its sources changed since the last build)…");
  run(
    "building the dashboard",
    [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn", dashboard],
    // A half-written build is redone by the next start.
    () => rmSync(builtMarker, { force: true }),
  );
}

await import(pathToFileURL(join(root, "packages/server/dist/main.js")).href);
