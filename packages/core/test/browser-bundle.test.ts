import { describe, expect, it } from "vitest";
import bucketing from "../../../fixtures/evaluation/01-bucketing.json" with { type: "json" };
// @ts-expect-error: a plain ESM script without types
import { bundleCore } from "../scripts/bundle.mjs";

interface Bundle {
  code: string;
  external: string[];
  minified: number;
  gzipped: number;
}

describe("browser bundle of core", () => {
  it("builds for the browser with no Node built-ins and stays small", async () => {
    const bundle = (await bundleCore()) as Bundle;
    expect(bundle.external).toEqual([]);
    expect(bundle.code).not.toMatch(/\bnode:/);
    expect(bundle.code).not.toMatch(/\brequire\(/);
    expect(bundle.gzipped).toBeLessThan(12_000);
  });

  it("reproduces the bucketing vectors from the bundled code", async () => {
    const { code } = (await bundleCore()) as Bundle;
    const mod = (await import(
      `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`
    )) as {
      bucketFor: (key: string, seed: string) => number;
    };
    for (const v of bucketing.vectors) expect(mod.bucketFor(v.userKey, v.seed)).toBe(v.bucket);
  });
});
