import {
  type Attribute,
  type Clause,
  type Flag,
  type FlagType,
  type JsonValue,
  OPERATORS,
  type Operator,
  type RolloutEntry,
  type TargetingRule,
  type Variant,
} from "@flagsync-oss/core";
import { createRandom, type Random } from "./random.js";
import { CHANNELS, COUNTRIES, DOMAINS, PLANS } from "./users.js";

function seedOf(random: Random): string {
  return random.int(0, 2 ** 31).toString(36) + random.int(0, 2 ** 31).toString(36);
}

function booleanVariants(): Variant[] {
  return [
    { id: 1, key: "on", value: true },
    { id: 2, key: "off", value: false },
  ];
}

function stringVariants(keys: readonly string[]): Variant[] {
  return keys.map((key, i) => ({ id: i + 1, key, value: key }));
}

function state(
  partial: Partial<Flag["state"]> & Pick<Flag["state"], "onVariantId" | "offVariantId">,
): Flag["state"] {
  return { enabled: true, seed: "", rollout: [], rules: [], ...partial };
}

/**
 * The 200 flags of the evaluation benchmark: 50 plain on/off, 50 50/50 rollouts, 50 with three
 * attribute rules (email ends with, country is one of, plan is one of) then a 33/33/34 rollout,
 * and 50 with semver and numeric rules.
 */
export function benchmarkFlags(seed = 7): Flag[] {
  const random = createRandom(seed);
  const flags: Flag[] = [];
  for (let i = 0; i < 50; i++) {
    flags.push({
      key: `plain-${i}`,
      type: "boolean",
      variants: booleanVariants(),
      state: state({ enabled: i % 5 !== 0, onVariantId: 1, offVariantId: 2, seed: seedOf(random) }),
    });
  }
  for (let i = 0; i < 50; i++) {
    flags.push({
      key: `rollout-${i}`,
      type: "boolean",
      variants: booleanVariants(),
      state: state({
        onVariantId: 1,
        offVariantId: 2,
        seed: seedOf(random),
        rollout: [
          { variantId: 1, percentage: 50 },
          { variantId: 2, percentage: 50 },
        ],
      }),
    });
  }
  for (let i = 0; i < 50; i++) {
    const clause = (
      attribute: Attribute,
      operator: Operator,
      values: string[],
      custom?: string,
    ): Clause => ({
      attribute,
      operator,
      values,
      ...(custom ? { customAttribute: custom } : {}),
    });
    flags.push({
      key: `targeted-${i}`,
      type: "string",
      variants: stringVariants(
        ["control", "blue", "green", "internal", "emea", "paid"].map((k) => `${k}-${i}`),
      ),
      state: state({
        onVariantId: 1,
        offVariantId: 1,
        seed: seedOf(random),
        rules: [
          {
            id: 1,
            variantId: 4,
            clauses: [clause("EMAIL", "EW", [`@${DOMAINS[i % DOMAINS.length]}`])],
          },
          {
            id: 2,
            variantId: 5,
            clauses: [clause("CUSTOM", "IOO", [COUNTRIES[i % 7] as string, "DE"], "country")],
          },
          {
            id: 3,
            variantId: 6,
            clauses: [clause("CUSTOM", "IOO", ["enterprise", PLANS[i % 4] as string], "plan")],
          },
        ],
        rollout: [
          { variantId: 1, percentage: 33 },
          { variantId: 2, percentage: 33 },
          { variantId: 3, percentage: 34 },
        ],
      }),
    });
  }
  for (let i = 0; i < 50; i++) {
    flags.push({
      key: `versioned-${i}`,
      type: "number",
      variants: [
        { id: 1, key: "base", value: 0 },
        { id: 2, key: "modern", value: 1 },
        { id: 3, key: "adult", value: 2 },
      ],
      state: state({
        onVariantId: 1,
        offVariantId: 1,
        seed: seedOf(random),
        rules: [
          {
            id: 1,
            variantId: 2,
            clauses: [
              {
                attribute: "CUSTOM",
                customAttribute: "version",
                operator: "SVGTE",
                values: [`${1 + (i % 3)}.${i % 10}.0`],
              },
              {
                attribute: "CUSTOM",
                customAttribute: "age",
                operator: "LT",
                values: [String(30 + (i % 40))],
              },
            ],
          },
          {
            id: 2,
            variantId: 3,
            clauses: [
              { attribute: "CUSTOM", customAttribute: "age", operator: "GTE", values: ["18"] },
            ],
          },
        ],
      }),
    });
  }
  return flags;
}

const STRING_ATTRIBUTES = ["plan", "country", "channel", "version", "weight", "tier"] as const;
const ALL_OPERATORS = Object.keys(OPERATORS) as Operator[];
const STRING_ONLY: ReadonlySet<Operator> = new Set(["SW", "DNSW", "EW", "DNEW"]);
const PATTERNS = [
  "^user-1",
  "corp\\.com$",
  "beta",
  "^[a-f]",
  "\\d{2}",
  "pro|team",
  "^$",
  "[A-Z]{2}",
  "-\\d+-",
];

function valuesFor(random: Random, operator: Operator, attribute: string): string[] {
  const count = random.chance(0.05) ? 0 : random.int(1, 3);
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    switch (operator) {
      case "MR":
      case "DNMR":
        values.push(random.pick(PATTERNS));
        break;
      case "GT":
      case "GTE":
      case "LT":
      case "LTE":
        values.push(random.pick(["18", "30", "65", "10", "10.5", "1e2", "abc", "-1", "12.25"]));
        break;
      case "SVGT":
      case "SVGTE":
      case "SVLT":
      case "SVLTE":
        values.push(random.pick(["1.0.0", "1.2.3", "1.9.9", "2", "2.0.0", "3", "v2", "1.10"]));
        break;
      default:
        values.push(
          random.pick(
            attribute === "KEY"
              ? ["user-", "admin-", "visitor-", "1", "-0", "Ü"]
              : attribute === "EMAIL"
                ? DOMAINS.map((d) => `@${d}`).concat(["user-", "corp.com"])
                : [
                    ...PLANS,
                    ...COUNTRIES,
                    ...CHANNELS,
                    "gold",
                    "1.2.3",
                    "2",
                    "heavy",
                    "18",
                    "e",
                    "-",
                  ],
          ),
        );
    }
  }
  return values;
}

function randomClause(random: Random): Clause {
  const roll = random.next();
  let attribute: Attribute;
  let customAttribute: string | undefined;
  if (roll < 0.2) attribute = "KEY";
  else if (roll < 0.35) attribute = "EMAIL";
  else if (roll < 0.4) attribute = random.pick(["IP", "COUNTRY"] as const);
  else {
    attribute = "CUSTOM";
    customAttribute = random.chance(0.2) ? "age" : random.pick(STRING_ATTRIBUTES);
  }
  let operator: Operator = random.pick(ALL_OPERATORS);
  // The SDKs throw on starts/ends-with over a number; keep those to string attributes here.
  if (customAttribute === "age" && STRING_ONLY.has(operator)) operator = "GTE";
  if (random.chance(0.02)) operator = "CONTAINS" as Operator;
  return {
    attribute,
    operator,
    values: valuesFor(random, operator, customAttribute ?? attribute),
    ...(customAttribute ? { customAttribute } : {}),
  };
}

function randomValue(random: Random, type: FlagType, index: number, flagIndex: number): JsonValue {
  switch (type) {
    case "boolean":
      return index === 0;
    case "string":
      return `v${index}-${flagIndex}`;
    case "number":
      return index * 10 + random.int(0, 9) / 4;
    case "json":
      return {
        variant: index,
        flag: flagIndex,
        tags: ["a", index],
        nested: { on: index % 2 === 0 },
      };
  }
}

function randomRollout(random: Random, variantIds: number[]): RolloutEntry[] {
  const slices = random.int(1, variantIds.length);
  const entries: RolloutEntry[] = [];
  let left = 100;
  for (let i = 0; i < slices; i++) {
    const last = i === slices - 1;
    const percentage = last
      ? left
      : random.chance(0.2)
        ? random.int(0, left * 4) / 4
        : random.int(0, left);
    entries.push({ variantId: variantIds[i] as number, percentage });
    left -= percentage;
  }
  // Now and then a rollout that does not reach 100, so uncovered buckets get the off variant.
  if (random.chance(0.05) && entries.length > 0) {
    const first = entries[0] as RolloutEntry;
    first.percentage = Math.max(0, first.percentage - 15);
  }
  return entries;
}

/**
 * Random flags over every operator, attribute, data type and state shape, including empty value
 * lists, empty clause lists, unknown operators, unknown variant ids and rollouts short of 100.
 * Avoids only the inputs on which the official SDKs throw (string operators on numbers).
 */
export function fuzzFlags(count: number, seed = 11): Flag[] {
  const random = createRandom(seed);
  const flags: Flag[] = [];
  const types: FlagType[] = ["boolean", "string", "number", "json"];
  for (let f = 0; f < count; f++) {
    const type = random.pick(types);
    const variantCount = type === "boolean" ? 2 : random.int(2, 5);
    const variants: Variant[] = [];
    for (let v = 0; v < variantCount; v++) {
      variants.push({ id: 100 + v, key: `var-${v}`, value: randomValue(random, type, v, f) });
    }
    const ids = variants.map((v) => v.id);
    const variantId = (): number => (random.chance(0.03) ? 999 : random.pick(ids));
    const rules: TargetingRule[] = [];
    const ruleCount = random.chance(0.3) ? 0 : random.int(1, 4);
    for (let r = 0; r < ruleCount; r++) {
      const clauses: Clause[] = [];
      const clauseCount = random.chance(0.04) ? 0 : random.int(1, 3);
      for (let c = 0; c < clauseCount; c++) clauses.push(randomClause(random));
      rules.push({ id: r + 1, variantId: variantId(), clauses });
    }
    flags.push({
      key: `fuzz-${f}`,
      type,
      variants,
      state: {
        enabled: random.chance(0.85),
        onVariantId: variantId(),
        offVariantId: variantId(),
        seed: random.chance(0.05) ? "" : seedOf(random),
        rollout: random.chance(0.5) ? randomRollout(random, ids) : [],
        rules,
      },
    });
  }
  return flags;
}
