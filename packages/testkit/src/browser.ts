import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (installed by .ci/run); browsers are never downloaded. */
export const CHROMIUM = "/usr/bin/chromium";

/** Starts Debian's Chromium headless; never skipped: a missing or broken browser fails the test. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}; install it with: apt-get update && apt-get install -y chromium`,
    );
  }
  try {
    return await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30_000,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  } catch (error) {
    throw new Error(
      `Chromium at ${CHROMIUM} could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
