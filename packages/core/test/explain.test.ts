// "Why did this user get that?": the explanation's result is evaluate's, and its trail agrees
// with it (the matched rule, the chosen rollout slice), over generated flags and users.

import { bucketFor, evaluate, explain, type Flag } from "@flagsync-oss/core";
import { benchmarkFlags, fuzzFlags, generateUsers } from "@flagsync-oss/testkit";
import { describe, expect, it } from "vitest";

describe("explain", () => {
  it("agrees with evaluate on every flag and user, and its trail leads to the result", () => {
    const flags = [...benchmarkFlags(), ...fuzzFlags(150)];
    const users = generateUsers(100);
    let splits = 0;
    let matches = 0;
    for (const flag of flags)
      for (const user of users) {
        const explained = explain(flag, user);
        expect(explained.result).toEqual(evaluate(flag, user));
        const matched = explained.rules.filter((r) => r.matched);
        expect(matched.length).toBeLessThanOrEqual(1);
        if (explained.result.reason === "TARGETING_MATCH") {
          matches++;
          expect(matched[0]?.id).toBe(explained.result.ruleId);
          expect(matched[0]?.clauses.every((c) => c.matched === true)).toBe(true);
        }
        if (explained.result.reason === "SPLIT" && explained.result.errorCode === undefined) {
          splits++;
          expect(explained.rollout?.bucket).toBe(bucketFor(user.key, flag.state.seed));
          const chosen = explained.rollout?.slices.filter((s) => s.chosen) ?? [];
          expect(chosen).toHaveLength(1);
          expect(chosen[0]?.variant).toBe(explained.result.variantKey);
        }
        if (!flag.state.enabled) expect(explained.rules.every((r) => !r.evaluated)).toBe(true);
      }
    // With a bucketing key, the rollout's bucket is the bucketing key's.
    const split = flags.find((f) => f.state.rollout.length > 1 && f.state.enabled) as Flag;
    const context = { key: "signed-in-9", bucketingKey: "anonymous-1" };
    expect(explain(split, context).result).toEqual(evaluate(split, context));
    if (explain(split, context).rollout)
      expect(explain(split, context).rollout?.bucket).toBe(
        bucketFor("anonymous-1", split.state.seed),
      );
    // Both paths were exercised.
    expect(matches).toBeGreaterThan(100);
    expect(splits).toBeGreaterThan(100);
  });
});
