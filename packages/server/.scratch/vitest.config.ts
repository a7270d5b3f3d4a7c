import { defineConfig } from "vitest/config";
export default defineConfig({
  resolve: { conditions: ["source"] },
  test: {
    include: ["packages/server/.scratch/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    root: "/work/main",
  },
});
