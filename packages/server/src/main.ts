#!/usr/bin/env node
import { loadConfig } from "./config.js";
import { writeCredentialsFile } from "./credentials-file.js";
import { StartError } from "./port-check.js";
import { type RunningServer, startServer } from "./server.js";

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  let file: string | undefined;
  let server: RunningServer;
  try {
    server = await startServer(config, {
      deliverCredentials: (credentials) => {
        file = writeCredentialsFile(config.dataDir, credentials);
      },
    });
  } catch (error) {
    // One line for the operator; a stack trace only for what nobody expected.
    if (error instanceof StartError) console.error(`FlagSync cannot start: ${error.message}`);
    else console.error("FlagSync cannot start:", error);
    process.exit(error instanceof StartError ? 2 : 1);
  }
  const where =
    config.database.dialect === "sqlite" ? `SQLite ${config.database.path}` : "PostgreSQL";
  const lines = [
    "",
    `FlagSync server is running (${where})`,
    `  Dashboard: ${server.url}/   (sign in with your account, or "Use an admin token")`,
    `  SDK API:   ${server.url}   (point the FlagSync SDKs' urls at this address)`,
    `  Admin API: ${server.url}/api/v1   (OpenAPI: ${server.url}/api/openapi.json)`,
    `  Health:    ${server.url}/healthz   Metrics: ${server.url}/metrics`,
  ];
  if (file) {
    lines.push(`  First start: the admin token and SDK keys are in ${file} (shown nowhere else).`);
    if (server.credentials.ownerInvitation)
      lines.push(
        "  First owner: that file also holds the invitation that creates your account (its howTo says how).",
      );
  } else
    lines.push(
      "  Lost the admin token? Restart with FLAGSYNC_ADMIN_TOKEN set to a secret of 32 or more characters to add one.",
    );
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
