import { type Static, Type } from "typebox";
import { oneOf } from "../flags/flag-schemas.js";

const Key = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
});

export const CORRECTIONS = ["none", "bonferroni", "holm", "benjamini-hochberg"] as const;
export const DECISIONS = ["ship", "rollback", "inconclusive"] as const;
export const STATUSES = ["draft", "running", "stopped"] as const;

export const SettingsSchema = Type.Object(
  {
    alpha: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 0.2,
        description: "Significance level of tests and intervals (default 0.05)",
      }),
    ),
    correction: Type.Optional(
      oneOf(
        CORRECTIONS,
        "Multiple-testing correction of the Welch p-values over variants × metrics (default holm)",
      ),
    ),
    cuped: Type.Optional(
      Type.Boolean({
        description:
          "Variance reduction with the same metric over the 14 days before each user's exposure (not for average metrics)",
      }),
    ),
    sequential: Type.Optional(
      Type.Boolean({
        description:
          "Always-valid p-values and confidence sequences (mixture SPRT), safe to look at any time",
      }),
    ),
    sequentialTau: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 10,
        description:
          "Mixture SPRT: standard deviation of the normal mixing distribution of the difference, relative to the baseline mean (default 0.1)",
      }),
    ),
  },
  { additionalProperties: false },
);
export type SettingsInput = Static<typeof SettingsSchema>;

export interface Settings {
  alpha: number;
  correction: (typeof CORRECTIONS)[number];
  cuped: boolean;
  sequential: boolean;
  sequentialTau: number;
}

export function settingsOf(input: SettingsInput | undefined, base?: Settings): Settings {
  return {
    alpha: input?.alpha ?? base?.alpha ?? 0.05,
    correction: input?.correction ?? base?.correction ?? "holm",
    cuped: input?.cuped ?? base?.cuped ?? false,
    sequential: input?.sequential ?? base?.sequential ?? false,
    sequentialTau: input?.sequentialTau ?? base?.sequentialTau ?? 0.1,
  };
}

const Traffic = Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 100 }), {
  description:
    "Expected share of exposed users per variant key (any scale); by default taken from the flag's rollout in the environment when the experiment starts, or an even split",
});

const fields = {
  name: Type.Optional(Type.String({ maxLength: 200 })),
  hypothesis: Type.Optional(Type.String({ maxLength: 4000 })),
  variants: Type.Optional(
    Type.Array(Key, {
      minItems: 1,
      maxItems: 20,
      description: "Variant keys compared with the baseline; default: every other variant",
    }),
  ),
  primaryMetric: Key,
  secondaryMetrics: Type.Optional(Type.Array(Key, { maxItems: 20 })),
  settings: Type.Optional(SettingsSchema),
  traffic: Type.Optional(Traffic),
};

export const ExperimentCreateSchema = Type.Object(
  {
    key: Key,
    flag: Key,
    environment: Key,
    baseline: Type.String({ minLength: 1, maxLength: 128, description: "Variant key" }),
    ...fields,
  },
  { additionalProperties: false },
);
export type ExperimentCreate = Static<typeof ExperimentCreateSchema>;

export const ExperimentUpdateSchema = Type.Partial(
  Type.Object({ ...fields, baseline: Type.String({ minLength: 1, maxLength: 128 }) }),
  { additionalProperties: false },
);
export type ExperimentUpdate = Static<typeof ExperimentUpdateSchema>;

export const StartSchema = Type.Object(
  {
    startedAt: Type.Optional(
      Type.String({
        format: "date-time",
        description: "Start of the analysis window (default now; may lie in the past)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const StopSchema = Type.Object(
  {
    decision: oneOf(DECISIONS, "ship a variant, roll back, or inconclusive"),
    variant: Type.Optional(Type.String({ maxLength: 128, description: "The variant shipped" })),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

export const ExperimentSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  hypothesis: Type.String(),
  flag: Type.String(),
  environment: Type.String(),
  baseline: Type.String(),
  variants: Type.Array(Type.String()),
  primaryMetric: Type.String(),
  secondaryMetrics: Type.Array(Type.String()),
  settings: Type.Object({
    alpha: Type.Number(),
    correction: Type.String(),
    cuped: Type.Boolean(),
    sequential: Type.Boolean(),
    sequentialTau: Type.Number(),
  }),
  traffic: Type.Record(Type.String(), Type.Number()),
  status: oneOf(STATUSES),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  stoppedAt: Type.Union([Type.String(), Type.Null()]),
  decision: Type.Union([
    Type.Object({
      decision: Type.String(),
      variant: Type.Union([Type.String(), Type.Null()]),
      note: Type.String(),
    }),
    Type.Null(),
  ]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type ExperimentView = Static<typeof ExperimentSchema>;
