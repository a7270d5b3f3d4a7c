import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Workspace packages expose their TypeScript sources under the "source" condition, so tests
    // run against src/ without a build step.
    conditions: ["source"],
  },
  test: {
    // Worker threads run dist/: built first, so they run the sources under test.
    globalSetup: ["scripts/vitest-build.ts"],
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
