import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import bucketing from "../../../../fixtures/evaluation/01-bucketing.json" with { type: "json" };
import { evaluate } from "../evaluate.js";
import type { Flag } from "../types.js";
import { bucketFor, type Hash48 } from "./bucket.js";

// What a Node host hands core: the native digest, first 6 bytes read as an integer.
const nativeHash48: Hash48 = (key, seed) =>
  createHash("sha256")
    .update(key + seed)
    .digest()
    .readUIntBE(0, 6);

describe("bucketFor", () => {
  it.each(bucketing.vectors)(
    "puts $userKey in bucket $bucket under seed '$seed' ($flagKey)",
    ({ userKey, seed, bucket }) => {
      expect(bucketFor(userKey, seed)).toBe(bucket);
      expect(bucketFor(userKey, seed, nativeHash48)).toBe(bucket);
    },
  );

  it("agrees with the native hash for any key and seed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string(), (key, seed) => {
        expect(bucketFor(key, seed)).toBe(bucketFor(key, seed, nativeHash48));
      }),
      { numRuns: 3000 },
    );
  });

  it("is stable: the same key and seed always land in the same bucket in 0..99", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (key, seed) => {
        const first = bucketFor(key, seed);
        expect(bucketFor(key, seed)).toBe(first);
        expect(Number.isInteger(first) && first >= 0 && first < 100).toBe(true);
      }),
    );
  });

  it("serves the protocol's rollout example (A 50 / B 30 / C 20)", () => {
    const { rollout } = bucketing;
    const flag: Flag = {
      key: "str-rollout",
      type: "string",
      variants: rollout.slices.map(([key], i) => ({
        id: i + 1,
        key: String(key),
        value: String(key),
      })),
      state: {
        enabled: true,
        offVariantId: 1,
        onVariantId: 1,
        seed: rollout.seed,
        rules: [],
        rollout: rollout.slices.map(([, percentage], i) => ({
          variantId: i + 1,
          percentage: Number(percentage),
        })),
      },
    };
    for (const [key, expected] of Object.entries(rollout.expected)) {
      expect(evaluate(flag, { key }).value).toBe(expected);
    }
  });

  it("splits 100,000 users 30/70 within ±1 percentage point, for any seed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16 }), (seed) => {
        const flag: Flag = {
          key: "split",
          type: "boolean",
          variants: [
            { id: 1, key: "on", value: true },
            { id: 2, key: "off", value: false },
          ],
          state: {
            enabled: true,
            offVariantId: 2,
            onVariantId: 2,
            seed,
            rules: [],
            rollout: [
              { variantId: 1, percentage: 30 },
              { variantId: 2, percentage: 70 },
            ],
          },
        };
        let inFirst = 0;
        const users = 100_000;
        for (let i = 0; i < users; i++)
          if (evaluate(flag, { key: `user-${i}` }).variantId === 1) inFirst++;
        expect(Math.abs((inFirst / users) * 100 - 30)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 5 },
    );
  });
});
