import fc from "fast-check";
import { describe, expect, it } from "vitest";
import rules from "../../../fixtures/evaluation/02-targeting-rules.json" with { type: "json" };
import { compileFlag, evaluate, evaluateCompiled } from "./evaluate.js";
import type { EvaluationContext, Flag } from "./types.js";

const base = (): Flag => ({
  key: "f",
  type: "string",
  variants: [
    { id: 1, key: "a", value: "A" },
    { id: 2, key: "b", value: "B" },
    { id: 3, key: "off", value: "OFF" },
  ],
  state: {
    enabled: true,
    offVariantId: 3,
    onVariantId: 1,
    seed: "seed-abc",
    rollout: [],
    rules: [],
  },
});

describe("evaluate: protocol rule cases", () => {
  it.each(rules.cases)("$id: $expected.value", ({ flag, context, expected }) => {
    const result = evaluate(flag as Flag, context as EvaluationContext);
    expect(result).toMatchObject(expected);
  });
});

describe("evaluate: order of decisions", () => {
  it("serves the off variant when disabled, skipping rules and rollout", () => {
    const flag = base();
    flag.state.enabled = false;
    flag.state.rules = [{ id: 1, variantId: 2, clauses: [] }];
    flag.state.rollout = [{ variantId: 2, percentage: 100 }];
    expect(evaluate(flag, { key: "u" })).toEqual({
      value: "OFF",
      variantId: 3,
      variantKey: "off",
      reason: "DISABLED",
    });
  });

  it("takes the first matching rule in array order", () => {
    const flag = base();
    flag.state.rules = [
      { id: 7, variantId: 2, clauses: [{ attribute: "KEY", operator: "IOO", values: ["x"] }] },
      { id: 8, variantId: 3, clauses: [{ attribute: "KEY", operator: "SW", values: ["u"] }] },
      { id: 9, variantId: 1, clauses: [] },
    ];
    expect(evaluate(flag, { key: "u1" })).toMatchObject({
      value: "OFF",
      ruleId: 8,
      reason: "TARGETING_MATCH",
    });
    expect(evaluate(flag, { key: "x" })).toMatchObject({ value: "B", ruleId: 7 });
    expect(evaluate(flag, { key: "z" })).toMatchObject({ value: "A", ruleId: 9 });
  });

  it("falls through to the rollout, then to the on variant", () => {
    const flag = base();
    flag.state.rules = [
      { id: 1, variantId: 3, clauses: [{ attribute: "KEY", operator: "IOO", values: ["vip"] }] },
    ];
    expect(evaluate(flag, { key: "user-qa-1" })).toMatchObject({ value: "A", reason: "DEFAULT" });
    const split = {
      ...flag,
      state: {
        ...flag.state,
        rollout: [
          { variantId: 1, percentage: 80 },
          { variantId: 2, percentage: 20 },
        ],
      },
    };
    // user-qa-1 is in bucket 84 under seed-abc, so the second slice [80, 100).
    expect(evaluate(split, { key: "user-qa-1" })).toMatchObject({
      value: "B",
      variantKey: "b",
      reason: "SPLIT",
    });
    expect(evaluate(split, { key: "user-dev-2" })).toMatchObject({ value: "A", reason: "SPLIT" });
  });

  it("buckets by the bucketing key when there is one; rules still read the key", () => {
    const flag = base();
    flag.state.rollout = [
      { variantId: 1, percentage: 80 },
      { variantId: 2, percentage: 20 },
    ];
    flag.state.rules = [
      { id: 1, variantId: 3, clauses: [{ attribute: "KEY", operator: "IOO", values: ["vip"] }] },
    ];
    // An anonymous visitor (bucket 84: b) signs in as user-dev-2 (bucket of its own: a) and
    // keeps b, because the app keeps the anonymous id as the bucketing key.
    expect(evaluate(flag, { key: "user-qa-1" })).toMatchObject({ value: "B" });
    expect(evaluate(flag, { key: "user-dev-2" })).toMatchObject({ value: "A" });
    expect(evaluate(flag, { key: "user-dev-2", bucketingKey: "user-qa-1" })).toMatchObject({
      value: "B",
      reason: "SPLIT",
    });
    expect(evaluate(flag, { key: "vip", bucketingKey: "user-qa-1" })).toMatchObject({
      value: "OFF",
      reason: "TARGETING_MATCH",
    });
  });

  it("serves the off variant, flagged, when a rollout does not cover the bucket", () => {
    const flag = base();
    flag.state.rollout = [{ variantId: 1, percentage: 50 }];
    expect(evaluate(flag, { key: "user-qa-1" })).toMatchObject({
      value: "OFF",
      variantId: 3,
      reason: "ERROR",
      errorCode: "ROLLOUT_NOT_COVERED",
    });
  });

  it("honours fractional percentages against integer buckets", () => {
    const flag = base();
    // Bucket 84 is not below 84.0 but is below 84.5.
    flag.state.rollout = [
      { variantId: 1, percentage: 84 },
      { variantId: 2, percentage: 16 },
    ];
    expect(evaluate(flag, { key: "user-qa-1" }).value).toBe("B");
    flag.state = {
      ...flag.state,
      rollout: [
        { variantId: 1, percentage: 84.5 },
        { variantId: 2, percentage: 15.5 },
      ],
    };
    expect(evaluate(flag, { key: "user-qa-1" }).value).toBe("A");
  });
});

describe("evaluate: fallbacks", () => {
  it("serves the default (or 'control') when the chosen variant does not exist", () => {
    const flag = base();
    flag.state.rules = [{ id: 4, variantId: 99, clauses: [] }];
    expect(evaluate(flag, { key: "u" })).toEqual({
      value: "control",
      variantId: undefined,
      variantKey: undefined,
      reason: "ERROR",
      errorCode: "VARIANT_NOT_FOUND",
      ruleId: 4,
    });
    expect(evaluate(flag, { key: "u" }, { defaultValue: false }).value).toBe(false);
  });

  it("serves the default when the variant's value is null, like the SDKs' `??`", () => {
    const flag = base();
    flag.type = "json";
    flag.variants = [
      { id: 1, key: "a", value: null },
      { id: 3, key: "off", value: { x: 1 } },
    ];
    expect(evaluate(flag, { key: "u" }, { defaultValue: 7 })).toMatchObject({
      value: 7,
      errorCode: "VALUE_MISSING",
    });
  });

  it("returns an error result for a broken flag or context instead of throwing", () => {
    expect(evaluate({ key: "x" } as Flag, { key: "u" })).toMatchObject({
      value: "control",
      reason: "ERROR",
    });
    expect(
      evaluate(base(), null as unknown as EvaluationContext, { defaultValue: "d" }),
    ).toMatchObject({
      value: "d",
      errorCode: "INVALID_CONTEXT",
    });
  });

  it("hashes a missing key as the string 'undefined', like JavaScript concatenation in the SDKs", () => {
    const flag = base();
    flag.state.rollout = Array.from({ length: 100 }, (_, i) => ({
      variantId: i < 50 ? 1 : 2,
      percentage: 1,
    }));
    const missing = evaluate(flag, { key: undefined as unknown as string });
    expect(missing).toEqual(evaluate(flag, { key: "undefined" }));
  });
});

describe("evaluate: results", () => {
  it("shares one frozen result per outcome (no allocation per evaluation)", () => {
    const flag = base();
    const first = evaluate(flag, { key: "a" });
    expect(evaluate(flag, { key: "b" })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it("gives the same answers compiled or not", () => {
    const flag = base();
    flag.state.rollout = [
      { variantId: 1, percentage: 33 },
      { variantId: 2, percentage: 67 },
    ];
    const compiled = compileFlag(flag);
    for (let i = 0; i < 500; i++) {
      expect(evaluateCompiled(compiled, { key: `u${i}` })).toEqual(
        evaluate(flag, { key: `u${i}` }),
      );
    }
  });

  it("never throws on arbitrary JSON contexts and flags", () => {
    const attributes = fc.dictionary(
      fc.constantFrom("email", "plan", "a", "toString", "__proto__"),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(
        fc.record({
          key: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
          attributes: fc.option(attributes),
        }),
        fc.constantFrom(
          "IOO",
          "INOO",
          "SW",
          "DNSW",
          "EW",
          "DNEW",
          "MR",
          "DNMR",
          "GT",
          "LTE",
          "SVGT",
          "SVLTE",
          "??",
        ),
        fc.array(fc.string(), { maxLength: 3 }),
        (context, operator, values) => {
          const flag = base();
          flag.state.rules = [
            {
              id: 1,
              variantId: 2,
              clauses: [
                { attribute: "CUSTOM", customAttribute: "a", operator: operator as "IOO", values },
              ],
            },
            {
              id: 2,
              variantId: 2,
              clauses: [{ attribute: "KEY", operator: operator as "IOO", values }],
            },
          ];
          const result = evaluate(flag, context as EvaluationContext);
          expect(["A", "B"]).toContain(result.value);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
