#!/usr/bin/env node
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { InitialCredentials } from "./bootstrap.js";
import { loadConfig } from "./config.js";
import { startServer } from "./server.js";

function writeCredentials(dataDir: string, credentials: InitialCredentials): string | undefined {
  if (!credentials.adminToken && !credentials.keys) return undefined;
  // The folder holds secrets: private when this creates it.
  const created = mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (created !== undefined) chmodSync(dataDir, 0o700);
  const file = join(dataDir, `credentials-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  const keys = Object.fromEntries(
    Object.entries(credentials.keys ?? {}).map(([env, list]) => [
      env,
      Object.fromEntries(list.map((k) => [`${k.key.kind}Key`, k.secret])),
    ]),
  );
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        note: "These secrets are stored only as hashes and are not shown again. Move them to your secret store, then delete this file.",
        ...(credentials.adminToken ? { adminToken: credentials.adminToken } : {}),
        ...(credentials.keys ? { workspace: "default", keys } : {}),
      },
      null,
      2,
    )}\n`,
    { mode: 0o600 },
  );
  chmodSync(file, 0o600);
  return file;
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const server = await startServer(config);
  const where =
    config.database.dialect === "sqlite" ? `SQLite ${config.database.path}` : "PostgreSQL";
  const file = writeCredentials(config.dataDir, server.credentials);
  const lines = [
    "",
    `FlagSync server is running (${where})`,
    `  SDK API:   ${server.url}   (point the FlagSync SDKs' urls at this address)`,
    `  Admin API: ${server.url}/api/v1   (OpenAPI: ${server.url}/api/openapi.json)`,
    `  Health:    ${server.url}/healthz   Metrics: ${server.url}/metrics`,
  ];
  if (file)
    lines.push(`  First start: the admin token and SDK keys are in ${file} (shown nowhere else).`);
  console.log(`${lines.join("\n")}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, "shutting down");
    try {
      await server.stop();
      process.exit(0);
    } catch {
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

await main();
