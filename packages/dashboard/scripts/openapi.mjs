// The admin API's OpenAPI document, read from a freshly started server, and the TypeScript
// types openapi-typescript makes of it (used by api-types.mjs and by the test that keeps the
// committed types in step with the server).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const MAIN = fileURLToPath(new URL("../../server/dist/main.js", import.meta.url));

/** Starts the built server on a temporary SQLite file and returns its OpenAPI document. */
export async function fetchOpenApi() {
  const dir = mkdtempSync(join(tmpdir(), "flagsync-openapi-"));
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      // Its own database in its own folder: never the checkout's data/flagsync.db.
      DATABASE_URL: `sqlite:${join(dir, "flagsync.db")}`,
      FLAGSYNC_DATA_DIR: dir,
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
        const match = /Admin API: (\S+)\/api\/v1/.exec(out);
        if (match) resolve(match[1]);
      });
      child.once("exit", (code) =>
        reject(new Error(`the server exited (${code}) before listening`)),
      );
    });
    const response = await fetch(`${url}/api/openapi.json`);
    return await response.json();
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The schema module's text. */
export async function renderSchema(document) {
  const ast = await openapiTS(document, { alphabetize: true });
  return `// Generated from the server's OpenAPI document by scripts/api-types.mjs; do not edit.\n${astToString(ast)}`;
}
