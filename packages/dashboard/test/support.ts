import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "@flagsync-oss/testkit/browser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

const MAIN = fileURLToPath(new URL("../../server/dist/main.js", import.meta.url));

/** Screenshots of the browser tests (git-ignored), one per page and window size. */
export const SCREENSHOTS = fileURLToPath(new URL("../screenshots", import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });

export const ADMIN_TOKEN = "fs_admin_dashboard-e2e-token-0123456789";

/** The real server, started as `npm start` runs it (built dashboard included), on a random port. */
export interface ServerProcess {
  url: string;
  /** First-start SDK keys of the default workspace by environment. */
  keys: Record<string, { serverKey: string; clientKey: string }>;
  stop(): Promise<void>;
}

/** `env`: more settings for the server (environment variables). */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), "flagsync-dashboard-"));
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `sqlite:${join(dir, "flagsync.db")}`,
      FLAGSYNC_DATA_DIR: dir,
      FLAGSYNC_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Admin API: (\S+)\/api\/v1/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}): ${out}`)));
  });
  const file = readdirSync(dir).find((f) => f.startsWith("credentials-"));
  const credentials = JSON.parse(readFileSync(join(dir, file ?? "missing"), "utf8")) as {
    keys: ServerProcess["keys"];
  };
  return {
    url,
    keys: credentials.keys,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until the check holds, or fails naming what it waited for. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** Signs in through the sign-in page and waits for the flag list. */
export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole("button", { name: "Use an admin token" }).click();
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Flags", exact: true }).waitFor();
}

/**
 * Chromium (Debian's) with one page at 1280×800; the page's console errors and uncaught
 * exceptions go to `consoleErrors`, which a test checks is empty at the end.
 */
export async function openBrowser(
  consoleErrors: string[],
): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Generous: the browser shares two cores with the server and other test files.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  return { browser, context, page };
}

/** A screenshot of the window, scrolled to a text when given, once transitions settled. */
export async function screenshot(page: Page, name: string, at?: string): Promise<void> {
  if (at) await page.getByText(at, { exact: true }).first().scrollIntoViewIfNeeded();
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Calls the admin API of the default workspace with the admin token. */
export async function adminCall(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: assertions read the API's answers field by field
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/api/v1/workspaces/default${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

/** An admin API call that must succeed (2xx); its answer. */
export async function adminOk(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: assertions read the API's answers field by field
): Promise<any> {
  const answer = await adminCall(url, method, path, body);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
  expect(answer.status).toBeGreaterThanOrEqual(200);
  return answer.body;
}

/** Posts items to an SDK track endpoint with the development server key; all must be kept. */
export async function trackAll(server: ServerProcess, path: string, body: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-ridgeline-key": server.keys.development?.serverKey as string,
    },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as { accepted: number; rejected: unknown[] };
  expect(result.rejected).toEqual([]);
  return result;
}

/** What {@link browserSession} holds once its `beforeAll` ran. */
export interface BrowserSession {
  server: ServerProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the page; a test checks it is empty. */
  consoleErrors: string[];
}

/**
 * A file's browser set-up: before its tests, the real server (with `env`), then `before`
 * (to seed data through the API), then Chromium, signed in unless `signIn` is false; after its
 * tests, both closed. The returned object is filled in by the `beforeAll` hook.
 */
export function browserSession(
  options: {
    env?: Record<string, string>;
    before?: (server: ServerProcess) => Promise<void>;
    signIn?: boolean;
  } = {},
): BrowserSession {
  const session = { consoleErrors: [] as string[] } as BrowserSession;
  beforeAll(async () => {
    session.server = await startServerProcess(options.env);
    await options.before?.(session.server);
    Object.assign(session, await openBrowser(session.consoleErrors));
    if (options.signIn !== false) await signIn(session.page, session.server.url);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
