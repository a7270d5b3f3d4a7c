import { defineConfig } from "vitest/config";

/**
 * Tests that measure latency under load, or their own duration: run alone, after the rest, so
 * no other file shares the cores.
 */
const LATENCY = [
  "packages/server/test/abuse-requests.test.ts",
  "packages/server/test/abuse-connections.test.ts",
  "packages/server/test/fuzz.test.ts",
  "packages/server/test/webhooks.test.ts",
];

export default defineConfig({
  resolve: {
    // Workspace packages expose their TypeScript sources under the "source" condition, so tests
    // run against src/ without a build step.
    conditions: ["source"],
  },
  test: {
    // Worker threads run dist/: built first, so they run the sources under test.
    globalSetup: ["scripts/vitest-build.ts"],
    testTimeout: 30_000,
    // Most files wait on servers, browsers and timers rather than compute: one file more than
    // the two cores keeps them busy.
    maxWorkers: 3,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
          exclude: LATENCY,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "latency",
          include: LATENCY,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
