// Starts the real server as a separate process (the built dist/main.js), as an operator would.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ADMIN_TOKEN } from "./test-server.js";

const MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

/** A server process and the address it printed. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Spawns `node dist/main.js`; `env` adds to (or, with undefined, removes from) its variables. */
function spawnServer(
  databaseUrl: string,
  dataDir: string,
  env: Record<string, string | undefined>,
): ChildProcess {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run "npm run build" (npm test does) before this suite`);
  const variables: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    FLAGSYNC_ADMIN_TOKEN: ADMIN_TOKEN,
    FLAGSYNC_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    ...env,
  };
  for (const [name, value] of Object.entries(variables))
    if (value === undefined) delete variables[name];
  return spawn(process.execPath, [MAIN], { env: variables, stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs a server process that is expected to fail its start: its exit code and output. */
export function failedStart(
  databaseUrl: string,
  dataDir: string,
  env: Record<string, string | undefined> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnServer(databaseUrl, dataDir, env);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server kept running:\n${stdout}${stderr}`));
    }, 15_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts `node dist/main.js` on a database and resolves once it prints where it listens. */
export function startServerProcess(
  databaseUrl: string,
  dataDir: string,
  env: Record<string, string | undefined> = {},
): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawnServer(databaseUrl, dataDir, env);
    let output = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /SDK API:\s+(http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

/** The server SDK key of environment "development" from the credentials file a first start wrote. */
export function firstStartServerKey(dataDir: string): string {
  const file = readdirSync(dataDir).find((f) => f.startsWith("credentials-"));
  if (!file) throw new Error(`no credentials file in ${dataDir}`);
  const credentials = JSON.parse(readFileSync(join(dataDir, file), "utf8")) as {
    keys: Record<string, { serverKey: string }>;
  };
  return credentials.keys.development?.serverKey as string;
}
