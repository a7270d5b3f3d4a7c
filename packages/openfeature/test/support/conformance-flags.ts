// The flags of the OpenFeature conformance features, made on our server through its admin API.
// They come from the specification's test-flags.json (copied to ../gherkin/) and, for
// "context-aware", from the OpenFeature JS SDK's end-to-end flag configuration (github.com/
// open-feature/js-sdk, commit 78964f78eefd4ce80cc52f1e852f6489de6dde5a,
// packages/server/e2e/step-definitions/flags-config.ts; Apache License, Version 2.0).
//
// Translation to our flag model, the same for every flag:
// - the type follows the values (boolean, string, number, else json);
// - `defaultVariant` is the variant served when the flag is on and no rule matches (on
//   variant); the off variant is the other variant (our flags need one);
// - `disabled: true` is a flag that is off, so it serves its off variant;
// - each targeting expression (CEL in the file) is written as our rules, in EXPRESSIONS below;
// - `flagMetadata` has no counterpart (our flags hold no metadata of their own), and flags
//   without a default variant are not made: no scenario that we run uses them.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { TestServer } from "../../../server/test/support/test-server.js";

type Json = boolean | string | number | null | Json[] | { [key: string]: Json };

interface TestFlag {
  variants: Record<string, Json>;
  defaultVariant?: string | null;
  disabled?: boolean;
  contextEvaluator?: string;
}

/** A rule's condition, as the admin API takes it. */
interface Clause {
  attribute: "EMAIL" | "CUSTOM";
  customAttribute?: string;
  operator: "IOO" | "MR" | "GT" | "GTE" | "LTE";
  values: string[];
}

interface Rule {
  name: string;
  variant: string;
  clauses: Clause[];
}

const ballmer: Clause = { attribute: "EMAIL", operator: "IOO", values: ["ballmer@macrosoft.com"] };
/** Our clauses compare text: a boolean attribute is matched by its text. */
const isFalse = (name: string): Clause => ({
  attribute: "CUSTOM",
  customAttribute: name,
  operator: "MR",
  values: ["^false$"],
});
const custom = (name: string, operator: Clause["operator"], value: string): Clause => ({
  attribute: "CUSTOM",
  customAttribute: name,
  operator,
  values: [value],
});

/** Each targeting expression of the test flags as our rules (the first that matches wins). */
const EXPRESSIONS: Record<string, Rule[]> = {
  "email == 'ballmer@macrosoft.com' ? 'zero' : ''": [
    { name: "email is ballmer@macrosoft.com", variant: "zero", clauses: [ballmer] },
  ],
  "!customer && email == 'ballmer@macrosoft.com' && age > 10 ? 'internal' : ''": [
    {
      name: "not a customer, ballmer@macrosoft.com, older than 10",
      variant: "internal",
      clauses: [isFalse("customer"), ballmer, custom("age", "GT", "10")],
    },
  ],
  "fn == 'Sulisław' && ln == 'Świętopełk' && age == 29 && customer == false ? 'internal' : 'external'":
    [
      {
        name: "Sulisław Świętopełk, 29, not a customer",
        variant: "internal",
        clauses: [
          custom("fn", "IOO", "Sulisław"),
          custom("ln", "IOO", "Świętopełk"),
          custom("age", "GTE", "29"),
          custom("age", "LTE", "29"),
          isFalse("customer"),
        ],
      },
    ],
};

/** The JS SDK's "context-aware" flag, its targeting function written as an expression. */
const CONTEXT_AWARE: TestFlag = {
  variants: { internal: "INTERNAL", external: "EXTERNAL" },
  defaultVariant: "external",
  contextEvaluator:
    "fn == 'Sulisław' && ln == 'Świętopełk' && age == 29 && customer == false ? 'internal' : 'external'",
};

/** Every conformance flag, by key. */
export function conformanceFlags(): Record<string, TestFlag> {
  const file = new URL("../gherkin/test-flags.json", import.meta.url);
  const flags = JSON.parse(readFileSync(file, "utf8")) as Record<string, TestFlag>;
  return { ...flags, "context-aware": CONTEXT_AWARE };
}

function typeOf(values: Json[]): "boolean" | "string" | "number" | "json" {
  for (const type of ["boolean", "string", "number"] as const)
    if (values.every((value) => typeof value === type)) return type;
  return "json";
}

/** Makes the conformance flags in the development environment; answers the keys made. */
export async function makeConformanceFlags(server: TestServer): Promise<string[]> {
  const made: string[] = [];
  for (const [key, flag] of Object.entries(conformanceFlags())) {
    const onVariant = flag.defaultVariant;
    if (!onVariant) continue;
    const offVariant = Object.keys(flag.variants).find((variant) => variant !== onVariant);
    const rules = flag.contextEvaluator ? EXPRESSIONS[flag.contextEvaluator] : [];
    if (!rules) throw new Error(`${key}: no rules written for "${flag.contextEvaluator}"`);
    const created = await server.admin("POST", "/api/v1/workspaces/default/flags", {
      key,
      type: typeOf(Object.values(flag.variants)),
      variants: Object.entries(flag.variants).map(([variant, value]) => ({ key: variant, value })),
      onVariant,
      offVariant,
    });
    expect(created.status, `${key}: ${JSON.stringify(created.body)}`).toBe(201);
    const state = await server.admin(
      "PATCH",
      `/api/v1/workspaces/default/flags/${key}/environments/development`,
      { enabled: !flag.disabled, rules },
    );
    expect(state.status, `${key}: ${JSON.stringify(state.body)}`).toBe(200);
    made.push(key);
  }
  return made;
}
