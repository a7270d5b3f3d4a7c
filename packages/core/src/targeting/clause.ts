import type { Clause, EvaluationContext } from "../types.js";
import { compileRegex, MAX_REGEX_INPUT_LENGTH } from "./regex.js";
import { compareSemver, parseSemver, type SemverParts } from "./semver.js";

/** Decides whether one clause matches a context. */
export type ClauseMatcher = (context: EvaluationContext) => boolean;

type ValueTest = (contextValue: unknown) => boolean;

const never: ClauseMatcher = () => false;

/**
 * Reads an attribute without reaching the object prototype: `attributes.toString` is not an
 * attribute a user sent. JSON never carries functions, so only objects need the own-key check.
 */
function attributeOf(attributes: unknown, name: string): unknown {
  if (attributes === null || typeof attributes !== "object") return undefined;
  const value = (attributes as Record<string, unknown>)[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "function") return undefined;
  if (typeof value === "object" && !Object.hasOwn(attributes, name)) return undefined;
  return value;
}

/** Numeric reading of a context value, as `parseFloat` would coerce it; NaN when it has none. */
function numberOf(value: unknown): number {
  if (typeof value === "number") return value;
  try {
    return Number.parseFloat(String(value));
  } catch {
    return Number.NaN; // objects whose toString is not callable
  }
}

function stringTest(
  values: readonly string[],
  test: (ctx: string, v: string) => boolean,
): ValueTest {
  return (ctx) => {
    // The SDKs call ctx.startsWith/endsWith and throw on non-strings; here that is no match.
    if (typeof ctx !== "string") return false;
    for (let i = 0; i < values.length; i++) if (test(ctx, values[i] as string)) return true;
    return false;
  };
}

function regexTests(values: readonly string[]): { some: ValueTest; none: ValueTest } {
  // The SDKs build each RegExp when reached and throw on a bad one, so the outcome depends on
  // whether an earlier value matched first. Compiled here once, with the same walk order.
  const compiled = values.map((v) => compileRegex(v));
  // Returns 1 for a match, 0 for none, -1 when an unusable pattern is reached (no match).
  const walk = (ctx: unknown): number => {
    let text: string;
    try {
      text = typeof ctx === "string" ? ctx : String(ctx);
    } catch {
      return -1;
    }
    if (text.length > MAX_REGEX_INPUT_LENGTH) return -1;
    for (const c of compiled) {
      if (!c.ok) return -1;
      if (c.test(text)) return 1;
    }
    return 0;
  };
  return { some: (ctx) => walk(ctx) === 1, none: (ctx) => walk(ctx) === 0 };
}

function numericTest(values: readonly string[], compare: (ctx: number, rule: number) => boolean) {
  const numbers = values.map((v) => Number.parseFloat(v)).filter((n) => !Number.isNaN(n));
  return (ctx: unknown) => {
    const n = numberOf(ctx);
    if (Number.isNaN(n)) return false;
    for (let i = 0; i < numbers.length; i++) if (compare(n, numbers[i] as number)) return true;
    return false;
  };
}

// Context versions repeat across flags and users ("2.4.1" for every flag a user is evaluated
// on), so parsed versions are memoised; the map is dropped whole when it grows past its bound.
const MAX_CACHED_VERSIONS = 4096;
const parsedVersions = new Map<string, SemverParts | null>();

function cachedSemver(version: string): SemverParts | undefined {
  let parsed = parsedVersions.get(version);
  if (parsed === undefined) {
    if (parsedVersions.size >= MAX_CACHED_VERSIONS) parsedVersions.clear();
    parsed = parseSemver(version) ?? null;
    parsedVersions.set(version, parsed);
  }
  return parsed ?? undefined;
}

function semverTest(values: readonly string[], accept: (order: number) => boolean): ValueTest {
  const versions = values
    .map((v) => parseSemver(v))
    .filter((v): v is SemverParts => v !== undefined);
  return (ctx) => {
    if (typeof ctx !== "string") return false;
    const parsed = cachedSemver(ctx);
    if (parsed === undefined) return false;
    for (const version of versions) if (accept(compareSemver(parsed, version))) return true;
    return false;
  };
}

function valueTest(clause: Clause): ValueTest | undefined {
  const values = clause.values;
  switch (clause.operator) {
    case "IOO":
      return (ctx) => values.includes(ctx as string);
    case "INOO":
      return (ctx) => !values.includes(ctx as string);
    case "SW":
      return stringTest(values, (ctx, v) => ctx.startsWith(v));
    case "DNSW": {
      const some = stringTest(values, (ctx, v) => ctx.startsWith(v));
      return (ctx) => typeof ctx === "string" && !some(ctx);
    }
    case "EW":
      return stringTest(values, (ctx, v) => ctx.endsWith(v));
    case "DNEW": {
      const some = stringTest(values, (ctx, v) => ctx.endsWith(v));
      return (ctx) => typeof ctx === "string" && !some(ctx);
    }
    case "MR":
      return regexTests(values).some;
    case "DNMR":
      return regexTests(values).none;
    case "GT":
      return numericTest(values, (ctx, rule) => ctx > rule);
    case "GTE":
      return numericTest(values, (ctx, rule) => ctx >= rule);
    case "LT":
      return numericTest(values, (ctx, rule) => ctx < rule);
    case "LTE":
      return numericTest(values, (ctx, rule) => ctx <= rule);
    case "SVGT":
      return semverTest(values, (order) => order > 0);
    case "SVGTE":
      return semverTest(values, (order) => order >= 0);
    case "SVLT":
      return semverTest(values, (order) => order < 0);
    case "SVLTE":
      return semverTest(values, (order) => order <= 0);
    default:
      return undefined;
  }
}

/**
 * Compiles a clause into a matcher with the FlagSync SDKs' semantics. A missing (undefined or
 * null) attribute never matches, not even a negated operator; IP and COUNTRY read the context's
 * `ip` and `country`, which SDKs never send (so there they never match); an unknown operator
 * never matches. Where an SDK would throw
 * (string operators on non-strings, an unusable regex) the clause does not match.
 */
export function compileClause(clause: Clause): ClauseMatcher {
  const test = valueTest(clause);
  if (test === undefined || !Array.isArray(clause.values)) return never;
  switch (clause.attribute) {
    case "KEY":
      return (context) => {
        const value = context.key as unknown;
        return value !== undefined && value !== null && test(value);
      };
    case "EMAIL":
      return (context) => {
        const value = attributeOf(context.attributes, "email");
        return value !== undefined && test(value);
      };
    case "CUSTOM": {
      // The SDKs index attributes with customAttribute?.name, so a missing name reads "undefined".
      const name = String(clause.customAttribute ?? undefined);
      return (context) => {
        const value = attributeOf(context.attributes, name);
        return value !== undefined && test(value);
      };
    }
    case "IP":
      return (context) => {
        const value = context.ip;
        return value !== undefined && value !== null && test(value);
      };
    case "COUNTRY":
      return (context) => {
        const value = context.country;
        return value !== undefined && value !== null && test(value);
      };
    default:
      return never;
  }
}
