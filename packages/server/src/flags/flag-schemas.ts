import {
  ATTRIBUTES,
  type Attribute,
  FLAG_TYPES,
  type Flag,
  type FlagType,
  MAX_CLAUSE_VALUE_LENGTH,
  MAX_CLAUSE_VALUES,
  MAX_CLAUSES,
  MAX_KEY_LENGTH,
  MAX_RULES,
  MAX_SEED_LENGTH,
  MAX_VARIANTS,
  OPERATORS,
  type Operator,
} from "@flagsync-oss/core";
import { type Static, Type } from "typebox";

const Key = Type.String({
  minLength: 1,
  maxLength: MAX_KEY_LENGTH,
  pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
});
const Name = Type.String({ maxLength: 200 });
const Description = Type.String({ maxLength: 2000 });

/** A string schema limited to a fixed set, typed as that set's union. */
export function oneOf<T extends string>(values: readonly T[], description?: string) {
  return Type.Unsafe<T>({
    type: "string",
    enum: [...values],
    ...(description ? { description } : {}),
  });
}

export const FlagTypeSchema = oneOf<FlagType>(FLAG_TYPES);

/** A tag: letters, digits and `.:/-`, so it needs no escaping anywhere (lists, filters, URLs). */
export const TagSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: "^[A-Za-z0-9][A-Za-z0-9.:/-]*$",
});
const TagsSchema = Type.Array(TagSchema, {
  maxItems: 20,
  description: "Tags to group and find flags (repeats are kept once)",
});

export const VariantInputSchema = Type.Object(
  {
    key: Key,
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    value: Type.Unknown({
      description:
        "Must match the flag's type: boolean, string, finite number or any JSON value but null",
    }),
  },
  { additionalProperties: false },
);

export const VariantSchema = Type.Object({
  id: Type.Integer({ description: "Stable id, as sent to SDKs" }),
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  value: Type.Unknown(),
});

export const ClauseSchema = Type.Object(
  {
    attribute: oneOf<Attribute>(ATTRIBUTES),
    customAttribute: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]),
    ),
    operator: oneOf<Operator>(
      Object.keys(OPERATORS) as Operator[],
      Object.entries(OPERATORS)
        .map(([code, meaning]) => `${code}: ${meaning}`)
        .join("; "),
    ),
    values: Type.Array(Type.String({ maxLength: MAX_CLAUSE_VALUE_LENGTH }), {
      maxItems: MAX_CLAUSE_VALUES,
    }),
  },
  { additionalProperties: false },
);

export const RuleInputSchema = Type.Object(
  {
    id: Type.Optional(
      Type.Integer({ minimum: 1, description: "Keep an existing rule's id; omit for a new rule" }),
    ),
    name: Type.Optional(Name),
    variant: Key,
    clauses: Type.Array(ClauseSchema, { maxItems: MAX_CLAUSES }),
  },
  { additionalProperties: false },
);

export const RolloutInputSchema = Type.Object(
  { variant: Key, percentage: Type.Number({ minimum: 0, maximum: 100 }) },
  { additionalProperties: false },
);

export const RuleSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  variant: Type.String(),
  clauses: Type.Array(ClauseSchema),
});

export const StateSchema = Type.Object({
  environment: Type.String(),
  enabled: Type.Boolean(),
  offVariant: Type.String({ description: "Served when the flag is off" }),
  onVariant: Type.String({
    description: "Served when on, if no rule matches and there is no rollout",
  }),
  seed: Type.String(),
  rules: Type.Array(RuleSchema),
  rollout: Type.Array(Type.Object({ variant: Type.String(), percentage: Type.Number() })),
  version: Type.Integer(),
  updatedAt: Type.String(),
});

export const FlagSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  type: FlagTypeSchema,
  variants: Type.Array(VariantSchema),
  tags: Type.Array(Type.String()),
  warnings: Type.Array(Type.String(), {
    description: "What in the flag's configuration makes impressions or results unreliable",
  }),
  archived: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  environments: Type.Record(Type.String(), StateSchema),
});

export const FlagCreateSchema = Type.Object(
  {
    key: Key,
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    tags: Type.Optional(TagsSchema),
    type: FlagTypeSchema,
    variants: Type.Optional(
      Type.Array(VariantInputSchema, {
        minItems: 1,
        maxItems: MAX_VARIANTS,
        description: "Boolean flags default to on (true) and off (false)",
      }),
    ),
    onVariant: Type.Optional(Key),
    offVariant: Type.Optional(Key),
  },
  { additionalProperties: false },
);

export const FlagUpdateSchema = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    tags: Type.Optional(TagsSchema),
    variants: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.Optional(
              Type.Integer({ description: "Id of the variant to change; omit to add one" }),
            ),
            key: Key,
            name: Type.Optional(Name),
            description: Type.Optional(Description),
            value: Type.Unknown(),
          },
          { additionalProperties: false },
        ),
        {
          minItems: 1,
          maxItems: MAX_VARIANTS,
          description: "The full list; variants left out are removed",
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export const StatePatchSchema = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    offVariant: Type.Optional(Key),
    onVariant: Type.Optional(Key),
    seed: Type.Optional(Type.String({ maxLength: MAX_SEED_LENGTH })),
    reshuffle: Type.Optional(
      Type.Boolean({ description: "Draw a new seed: users are bucketed anew" }),
    ),
    rules: Type.Optional(Type.Array(RuleInputSchema, { maxItems: MAX_RULES })),
    rollout: Type.Optional(Type.Array(RolloutInputSchema, { maxItems: MAX_VARIANTS })),
    expectedVersion: Type.Optional(
      Type.Integer({ description: "Fail with 409 if the state changed since this version" }),
    ),
    comment: Type.Optional(
      Type.String({
        maxLength: 1000,
        description: "Why the change is made: kept with its audit entry",
      }),
    ),
    newExperimentPhase: Type.Optional(
      Type.Boolean({
        description:
          "Required to change the rollout, seed or rules while an experiment runs on the flag in this environment: the change starts a new phase of it",
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      "A change that leaves the state as it is is not saved: the answer is the state unchanged, and no audit entry is written",
  },
);

export const FlagListQuerySchema = Type.Object(
  {
    search: Type.Optional(Type.String({ maxLength: 200 })),
    tag: Type.Optional(TagSchema),
    archived: Type.Optional(Type.Boolean()),
    type: Type.Optional(FlagTypeSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    after: Type.Optional(Type.String({ maxLength: MAX_KEY_LENGTH })),
  },
  { additionalProperties: false },
);

export type FlagView = Static<typeof FlagSchema>;
export type StateView = Static<typeof StateSchema>;
export type FlagCreate = Static<typeof FlagCreateSchema>;
export type FlagUpdate = Static<typeof FlagUpdateSchema>;
export type StatePatch = Static<typeof StatePatchSchema>;

// The schema's flag type and core's must agree, so the API can never accept a type core lacks.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesAgree: Same<Static<typeof FlagTypeSchema>, Flag["type"]> = true;
void typesAgree;
