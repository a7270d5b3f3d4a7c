import {
  compileFlag,
  type EvaluationContext,
  type EvaluationResult,
  evaluate,
  type Flag,
  toFlagSyncDetail,
  variantLookup,
} from "@flagsync-oss/core";
import { describe, expect, it } from "vitest";
import { evaluateAllJson, type Snapshot } from "./flag-snapshots.js";

const state = (partial: Partial<Flag["state"]>): Flag["state"] => ({
  enabled: true,
  onVariantId: 1,
  offVariantId: 2,
  seed: "s",
  rollout: [],
  rules: [],
  ...partial,
});

/** Flags of every type and outcome, errors included, with values that JSON must escape. */
const FLAGS: Flag[] = [
  {
    key: "bool",
    type: "boolean",
    variants: [
      { id: 1, key: "on", value: true },
      { id: 2, key: "off", value: false },
    ],
    state: state({
      rollout: [
        { variantId: 1, percentage: 30 },
        { variantId: 2, percentage: 70 },
      ],
    }),
  },
  {
    key: "text",
    type: "string",
    variants: [
      { id: 1, key: "a", value: 'quote " backslash \\ line\u2028 nul\u0000 ü 😀' },
      { id: 2, key: "b", value: "" },
      { id: 3, key: "c", value: "c" },
    ],
    state: state({
      rules: [
        {
          id: 7,
          variantId: 3,
          clauses: [
            { attribute: "CUSTOM", customAttribute: "plan", operator: "IOO", values: ["pro"] },
          ],
        },
      ],
    }),
  },
  {
    key: "num",
    type: "number",
    variants: [
      { id: 1, key: "x", value: 1e21 },
      { id: 2, key: "y", value: -0.1 },
    ],
    state: state({ enabled: false }),
  },
  {
    key: "obj",
    type: "json",
    variants: [
      { id: 1, key: "p", value: { a: [1, "2", null, { b: false }], 'k"ey': 1.5 } },
      { id: 2, key: "q", value: [] },
    ],
    state: state({
      rollout: [
        { variantId: 1, percentage: 50 },
        { variantId: 2, percentage: 50 },
      ],
    }),
  },
  // Errors: a variant with no value, a variant that does not exist, a rollout short of 100.
  {
    key: "no-value",
    type: "json",
    variants: [
      { id: 1, key: "n", value: null },
      { id: 2, key: "m", value: 1 },
    ],
    state: state({}),
  },
  {
    key: "unknown-variant",
    type: "string",
    variants: [{ id: 2, key: "m", value: "m" }],
    state: state({ onVariantId: 9 }),
  },
  {
    key: "short-rollout",
    type: "boolean",
    variants: [
      { id: 1, key: "on", value: true },
      { id: 2, key: "off", value: false },
    ],
    state: state({ rollout: [{ variantId: 1, percentage: 40 }] }),
  },
  {
    key: 'odd "key" \\',
    type: "boolean",
    variants: [
      { id: 1, key: "on", value: true },
      { id: 2, key: "off", value: false },
    ],
    state: state({}),
  },
];

function snapshotOf(flags: Flag[]): Snapshot {
  return {
    environmentId: 1,
    flags: new Map(
      flags.map((flag) => {
        const compiled = compileFlag(flag);
        const variantOf = variantLookup(flag.variants);
        return [flag.key, { flag, compiled, variantOf, versions: [{ from: 0, compiled }] }];
      }),
    ),
    details: new Map(),
    rulesBody: "",
  };
}

const USERS: EvaluationContext[] = Array.from({ length: 300 }, (_, i) => ({
  key: `user-${i}`,
  attributes: i % 3 === 0 ? { plan: "pro" } : {},
}));

const detailsOf = (result: EvaluationResult) => ({
  value: result.variantId === undefined ? null : result.value,
  variant: result.variantKey ?? null,
  variantId: result.variantId ?? null,
  reason: result.reason,
  ruleId: result.ruleId ?? null,
  errorCode: result.errorCode ?? null,
});

describe("evaluateAllJson", () => {
  const snapshot = snapshotOf(FLAGS);

  it("is, text for text, the JSON of core's evaluation of every flag, in both forms", () => {
    const forms = new Set<string>();
    for (const user of USERS) {
      // Twice: the second answer comes from the serialised results kept for each outcome.
      for (let round = 0; round < 2; round++) {
        const values = evaluateAllJson(snapshot, user);
        const details = evaluateAllJson(snapshot, user, { details: true });
        expect(values).toBe(
          JSON.stringify(Object.fromEntries(FLAGS.map((f) => [f.key, evaluate(f, user).value]))),
        );
        expect(details).toBe(
          JSON.stringify(
            Object.fromEntries(FLAGS.map((f) => [f.key, detailsOf(evaluate(f, user))])),
          ),
        );
        forms.add(details);
      }
    }
    // The users meet several outcomes, errors among them.
    expect(forms.size).toBeGreaterThan(3);
    const some = JSON.parse([...forms][0] as string);
    expect(some["no-value"]).toMatchObject({
      value: null,
      reason: "ERROR",
      errorCode: "VALUE_MISSING",
    });
    expect(some["unknown-variant"]).toMatchObject({ errorCode: "VARIANT_NOT_FOUND" });
  });

  it("evaluates only the keys asked for, removed flags by their last form, or null in our form", () => {
    const gone = FLAGS[3] as Flag;
    const after = snapshotOf(FLAGS.filter((f) => f !== gone));
    const meta = {
      organizationId: 1,
      workspaceId: 1,
      environmentId: 1,
      flagId: 4,
      stateId: 4,
      name: gone.key,
      description: "",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    };
    // As the stream hub describes a flag that disappeared: disabled.
    const disabled = { ...gone, state: { ...gone.state, enabled: false } };
    const removed = new Map([[gone.key, toFlagSyncDetail(disabled, meta)]]);
    const user = USERS[1] as EvaluationContext;
    const counted: number[] = [];
    expect(
      evaluateAllJson(after, user, {
        keys: ["text", gone.key, "missing"],
        removed,
        onEvaluated: (n) => counted.push(n),
      }),
    ).toBe(JSON.stringify({ text: evaluate(FLAGS[1] as Flag, user).value, obj: [] }));
    expect(evaluateAllJson(after, user, { keys: ["text", gone.key], removed, details: true })).toBe(
      JSON.stringify({ text: detailsOf(evaluate(FLAGS[1] as Flag, user)), obj: null }),
    );
    expect(evaluateAllJson(after, user, { keys: [] })).toBe("{}");
    expect(counted).toEqual([2]);
  });
});
