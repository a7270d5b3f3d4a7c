import { DEFAULT_SEQUENTIAL_TUNING } from "@flagsync-oss/stats";
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
          "Always-valid p-values and intervals (a normal-mixture confidence sequence), safe to look at any time (default true); false: fixed-horizon Welch",
      }),
    ),
    sequentialTuning: Type.Optional(
      Type.Integer({
        minimum: 100,
        maximum: 100_000_000,
        description:
          "Sequential testing: the planned number of users in all (N*), where the intervals are tightest (default 5000)",
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
  sequentialTuning: number;
}

export function settingsOf(input: SettingsInput | undefined, base?: Settings): Settings {
  return {
    alpha: input?.alpha ?? base?.alpha ?? 0.05,
    correction: input?.correction ?? base?.correction ?? "holm",
    cuped: input?.cuped ?? base?.cuped ?? false,
    sequential: input?.sequential ?? base?.sequential ?? true,
    sequentialTuning:
      input?.sequentialTuning ?? base?.sequentialTuning ?? DEFAULT_SEQUENTIAL_TUNING,
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
    sequentialTuning: Type.Number(),
  }),
  traffic: Type.Record(Type.String(), Type.Number()),
  status: oneOf(STATUSES),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  stoppedAt: Type.Union([Type.String(), Type.Null()]),
  phases: Type.Array(
    Type.Object({
      number: Type.Integer({ minimum: 1 }),
      startedAt: Type.String(),
      endedAt: Type.Union([Type.String(), Type.Null()], {
        description: "Where the next phase began; null for the current phase",
      }),
      traffic: Type.Record(Type.String(), Type.Number(), {
        description: "Expected share per variant in this phase (used by SRM)",
      }),
      reason: Type.String(),
    }),
    {
      description:
        "Oldest first. A phase begins when the experiment starts, when a change to its flag's rollout, seed or rules in its environment is accepted while it runs, and when its analysis is restarted; results are per phase",
    },
  ),
  analysisEnd: Type.Union([Type.String(), Type.Null()], {
    description: "Where the analysis window ends at the latest; null: at the stop, or now",
  }),
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
  warnings: Type.Optional(
    Type.Array(
      Type.Object({
        code: oneOf(["flag_off", "variant_not_randomised", "split_differs"] as const),
        message: Type.String(),
      }),
      {
        description:
          "What the flag's state in the environment does to this experiment (a draft or a running one): a flag that is off, a compared variant the rollout never assigns, an expected split other than the rollout's",
      },
    ),
  ),
});
export type ExperimentView = Static<typeof ExperimentSchema>;

const Interval = Type.Tuple([Type.Number(), Type.Number()], {
  description: "Lower and upper bound",
});
const Probability = Type.Number({ minimum: 0, maximum: 1 });

/** The results of an analysis (see the ANALYSIS description of the results routes). */
export const ExperimentResultSchema = Type.Object({
  window: Type.Object({ start: Type.String(), end: Type.String() }),
  correctionFamily: Type.Integer({
    description: "Comparisons (variants × metrics, the comparable ones) the correction covers",
  }),
  exposures: Type.Object({
    total: Type.Integer({ description: "Users with an in-window impression of the flag" }),
    multipleVariants: Type.Integer({
      description:
        "Users who saw more than one variant, at least one of them assigned by the rollout: excluded from every metric and from SRM",
    }),
    otherVariants: Type.Integer({
      description: 'Users of one variant outside the comparison (other variants, or "unknown")',
    }),
    analysed: Type.Record(Type.String(), Type.Integer(), { description: "Users per variant key" }),
    notRandomised: Type.Array(
      Type.Object({
        variant: Type.String(),
        reason: oneOf(["rule", "off", "default", "error"] as const),
        users: Type.Integer(),
      }),
      {
        description:
          "Users left out because the rollout did not assign what they were served (and no randomised impression): a targeting rule matched (rule), the flag was off (off), it served its on-variant to everyone (default), or it could not be evaluated (error); a user served in several such ways counts once, under the first of these reasons. Judged by the flag version in force at each impression; our own SDK endpoint's reason is used as sent",
      },
    ),
  }),
  assignment: Type.Object(
    {
      mismatchedUsers: Type.Record(Type.String(), Type.Integer(), {
        description: "Per SDK source (server, client)",
      }),
      rate: Type.Number({ description: "Mismatched users over all exposed users" }),
      reasonDisagreements: Type.Record(Type.String(), Type.Integer(), {
        description:
          "Users whose impressions from our own SDK endpoint report another reason than the server derives, per SDK source (the reported reason is used)",
      }),
      warning: Type.Union([Type.String(), Type.Null()], {
        description: "Mismatched users above 1 %, or any reason disagreement",
      }),
    },
    {
      description:
        "Users whose SDK served another variant than the server derives for them (not ready, stale cache, bootstrap): they stay in the variant they saw",
    },
  ),
  srm: Type.Object({
    expected: Type.Record(Type.String(), Type.Number()),
    observed: Type.Record(Type.String(), Type.Integer()),
    expectedCounts: Type.Record(Type.String(), Type.Number()),
    df: Type.Integer(),
    chiSquare: Type.Number(),
    pValue: Type.Number(),
    mismatch: Type.Boolean({ description: "p < 0.001: the split is not what was expected" }),
  }),
  metrics: Type.Array(
    Type.Object({
      metric: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      direction: Type.String(),
      primary: Type.Boolean(),
      cuped: Type.Union([
        Type.Object({
          theta: Type.Number(),
          covariateMean: Type.Number({ description: "Pooled over the analysed users" }),
          varianceReduction: Type.Number({
            description: "1 − Var(y − θx)/Var(y) over the pooled users",
          }),
        }),
        Type.Null(),
      ]),
      variants: Type.Array(
        Type.Object({
          variant: Type.String(),
          baseline: Type.Boolean(),
          users: Type.Integer({ description: "Users the metric used" }),
          mean: Type.Number(),
          variance: Type.Number(),
          standardDeviation: Type.Number(),
          standardError: Type.Union([Type.Number(), Type.Null()], {
            description: "Of the mean; null without users",
          }),
          sum: Type.Number({ description: "Σ of the per-user values (before CUPED)" }),
          converters: Type.Optional(Type.Integer({ description: "Conversion metrics" })),
          usersWithoutEvents: Type.Optional(
            Type.Integer({
              description:
                "Conversion: exposed users who did not convert; average: exposed users without a value",
            }),
          ),
          notCompared: Type.Optional(
            Type.String({
              description:
                "Why this variant has no comparison (no statistics, outside the correction family): an empty baseline, fewer than 2 users in an arm, or no variance in either",
            }),
          ),
          comparison: Type.Optional(
            Type.Object({
              difference: Type.Number(),
              standardError: Type.Number({ description: "Welch: of the difference" }),
              welchT: Type.Number(),
              welchDf: Type.Number({ description: "Welch–Satterthwaite" }),
              liftStandardError: Type.Number({ description: "Delta method, of the relative lift" }),
              ci: Interval,
              relativeLift: Type.Number({ description: "A fraction: 0.05 is +5%" }),
              relativeLiftCi: Interval,
              pValue: Type.Number({ description: "Two-sided Welch t-test" }),
              adjustedPValue: Type.Number({
                description:
                  "After the multiple-testing correction (of the sequential p-value if on)",
              }),
              zTestPValue: Type.Optional(Type.Number()),
              zStatistic: Type.Optional(Type.Number()),
              method: oneOf(
                ["sequential", "fixed-horizon"] as const,
                "sequential: ci, relativeLiftCi and pValue are always valid (normal-mixture confidence sequences); fixed-horizon: Welch t and delta-method intervals",
              ),
              chanceToBeat: Probability,
              expectedLoss: Type.Number(),
              verdict: oneOf(["winning", "losing", "inconclusive"] as const),
            }),
          ),
        }),
      ),
    }),
  ),
  daily: Type.Array(
    Type.Object({
      day: Type.String(),
      metrics: Type.Array(
        Type.Object({
          metric: Type.String(),
          variants: Type.Array(
            Type.Object({
              variant: Type.String(),
              users: Type.Integer(),
              mean: Type.Number(),
              relativeLift: Type.Union([Type.Number(), Type.Null()]),
              relativeLiftCi: Type.Union([Interval, Type.Null()]),
              chanceToBeat: Type.Union([Probability, Type.Null()]),
            }),
          ),
        }),
      ),
    }),
  ),
});

export const RestartAnalysisSchema = Type.Object(
  {
    startedAt: Type.Optional(
      Type.String({
        format: "date-time",
        description: "Where the new phase begins (default now): after the current phase's start",
      }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const AnalysisWindowSchema = Type.Object(
  {
    end: Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
      description:
        "Events and impressions at or after it are left out; null: the window ends at the stop, or now",
    }),
  },
  { additionalProperties: false },
);

export const ResultsQuerySchema = Type.Object(
  {
    phase: Type.Optional(
      Type.Integer({ minimum: 1, description: "The phase to analyse (default: the current one)" }),
    ),
  },
  { additionalProperties: false },
);
