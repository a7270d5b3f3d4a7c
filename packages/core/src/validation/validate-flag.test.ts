import { describe, expect, it } from "vitest";
import type { Flag } from "../types.js";
import { duplicateFlagKeys, validateFlag } from "./validate-flag.js";

const valid = (): Flag => ({
  key: "checkout-v2",
  type: "string",
  variants: [
    { id: 1, key: "control", value: "old" },
    { id: 2, key: "treatment", value: "new" },
  ],
  state: {
    enabled: true,
    offVariantId: 1,
    onVariantId: 1,
    seed: "s",
    rollout: [
      { variantId: 1, percentage: 33.3 },
      { variantId: 2, percentage: 66.7 },
    ],
    rules: [
      {
        id: 1,
        variantId: 2,
        clauses: [
          { attribute: "EMAIL", operator: "EW", values: ["@corp.com"] },
          { attribute: "CUSTOM", customAttribute: "v", operator: "SVGTE", values: ["1.2.0"] },
          { attribute: "CUSTOM", customAttribute: "age", operator: "GT", values: ["18"] },
          { attribute: "KEY", operator: "MR", values: ["^user-\\d+$"] },
        ],
      },
    ],
  },
});

const issuesOf = (mutate: (flag: Flag) => void) => {
  const flag = valid();
  mutate(flag);
  return validateFlag(flag).errors;
};

describe("validateFlag", () => {
  it("accepts a valid flag (33.3 + 66.7 totals 100 despite binary fractions)", () => {
    expect(validateFlag(valid())).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it.each<[string, (flag: Flag) => void, string, RegExp]>([
    [
      "bad flag key",
      (f) => {
        f.key = "has space";
      },
      "key",
      /letters, digits/,
    ],
    [
      "unknown type",
      (f) => {
        f.type = "date" as Flag["type"];
      },
      "type",
      /one of/,
    ],
    [
      "no variants",
      (f) => {
        f.variants = [];
      },
      "variants",
      /at least one/,
    ],
    [
      "duplicate variant key",
      (f) => {
        (f.variants[1] as Flag["variants"][0]).key = "control";
      },
      "variants[1].key",
      /duplicate variant key/,
    ],
    [
      "duplicate variant id",
      (f) => {
        (f.variants[1] as Flag["variants"][0]).id = 1;
      },
      "variants[1].id",
      /duplicate variant id/,
    ],
    [
      "wrong value type",
      (f) => {
        (f.variants[0] as Flag["variants"][0]).value = 5;
      },
      "variants[0].value",
      /must be a string/,
    ],
    [
      "unknown off variant",
      (f) => {
        f.state.offVariantId = 9;
      },
      "state.offVariantId",
      /unknown variant id 9/,
    ],
    [
      "unknown on variant",
      (f) => {
        f.state.onVariantId = 9;
      },
      "state.onVariantId",
      /unknown variant id 9/,
    ],
    [
      "rollout total",
      (f) => {
        (f.state.rollout[0] as { percentage: number }).percentage = 30;
      },
      "state.rollout",
      /total 100 \(they total 96.7\)/,
    ],
    [
      "rollout unknown variant",
      (f) => {
        (f.state.rollout[0] as { variantId: number }).variantId = 5;
      },
      "state.rollout[0].variantId",
      /unknown variant/,
    ],
    [
      "negative percentage",
      (f) => {
        (f.state.rollout[0] as { percentage: number }).percentage = -1;
      },
      "state.rollout[0].percentage",
      /0 to 100/,
    ],
    [
      "rule unknown variant",
      (f) => {
        (f.state.rules[0] as { variantId: number }).variantId = 3;
      },
      "state.rules[0].variantId",
      /unknown variant/,
    ],
    [
      "duplicate rule id",
      (f) => {
        f.state.rules.push({ ...(f.state.rules[0] as Flag["state"]["rules"][0]) });
      },
      "state.rules[1].id",
      /duplicate rule id/,
    ],
    [
      "unknown operator",
      (f) => {
        (f.state.rules[0]?.clauses[0] as { operator: string }).operator = "CONTAINS";
      },
      "state.rules[0].clauses[0].operator",
      /unknown operator/,
    ],
    [
      "unknown attribute",
      (f) => {
        (f.state.rules[0]?.clauses[0] as { attribute: string }).attribute = "PHONE";
      },
      "state.rules[0].clauses[0].attribute",
      /unknown attribute/,
    ],
    [
      "custom without name",
      (f) => {
        (f.state.rules[0]?.clauses[1] as { customAttribute: null }).customAttribute = null;
      },
      "state.rules[0].clauses[1].customAttribute",
      /required/,
    ],
    [
      "bad version",
      (f) => {
        (f.state.rules[0]?.clauses[1] as { values: string[] }).values = ["v1.2"];
      },
      "state.rules[0].clauses[1].values[0]",
      /not a version/,
    ],
    [
      "bad number",
      (f) => {
        (f.state.rules[0]?.clauses[2] as { values: string[] }).values = ["eighteen"];
      },
      "state.rules[0].clauses[2].values[0]",
      /not a number/,
    ],
    [
      "regex does not compile",
      (f) => {
        (f.state.rules[0]?.clauses[3] as { values: string[] }).values = ["(user"];
      },
      "state.rules[0].clauses[3].values[0]",
      /does not compile/,
    ],
    [
      "regex unbounded",
      (f) => {
        (f.state.rules[0]?.clauses[3] as { values: string[] }).values = ["^(a+)+\\1$"];
      },
      "state.rules[0].clauses[3].values[0]",
      /backtrack without bound/,
    ],
    [
      "empty values",
      (f) => {
        (f.state.rules[0]?.clauses[0] as { values: string[] }).values = [];
      },
      "state.rules[0].clauses[0].values",
      /at least one value/,
    ],
  ])("reports %s at its field", (_name, mutate, path, message) => {
    const errors = issuesOf(mutate);
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.find((e) => e.path === path)?.message).toMatch(message);
  });

  it("reports every problem at once", () => {
    const errors = issuesOf((f) => {
      f.key = "";
      f.state.onVariantId = 42;
      f.state.rollout = [{ variantId: 1, percentage: 10 }];
    });
    expect(errors.map((e) => e.path)).toEqual(["key", "state.onVariantId", "state.rollout"]);
  });

  it("checks values against each type", () => {
    const typed = (type: Flag["type"], value: unknown) =>
      validateFlag({
        ...valid(),
        type,
        variants: [{ id: 1, key: "a", value: value as string }],
        state: { ...valid().state, rollout: [], rules: [] },
      }).ok;
    expect(typed("boolean", true)).toBe(true);
    expect(typed("boolean", "true")).toBe(false);
    expect(typed("number", 1.5)).toBe(true);
    expect(typed("number", Number.NaN)).toBe(false);
    expect(typed("number", Number.POSITIVE_INFINITY)).toBe(false);
    expect(typed("json", { a: [1, "x", null] })).toBe(true);
    expect(typed("json", null)).toBe(false);
    expect(typed("json", { d: new Date() })).toBe(false);
  });

  it("warns about attributes that never match in server SDKs and rules that match everyone", () => {
    const flag = valid();
    flag.state.rules = [
      { id: 1, variantId: 2, clauses: [{ attribute: "COUNTRY", operator: "IOO", values: ["US"] }] },
      { id: 2, variantId: 2, clauses: [] },
    ];
    const result = validateFlag(flag);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.path)).toEqual([
      "state.rules[0].clauses[0].attribute",
      "state.rules[1].clauses",
    ]);
  });

  it("finds duplicate flag keys in a set", () => {
    expect(duplicateFlagKeys([{ key: "a" }, { key: "b" }, { key: "a" }])).toEqual([
      { path: "[2].key", message: 'duplicate flag key "a"' },
    ]);
  });
});
