import { compileRegex } from "../targeting/regex.js";
import { parseSemver } from "../targeting/semver.js";
import {
  ATTRIBUTES,
  type Attribute,
  FLAG_TYPES,
  type Flag,
  type FlagType,
  OPERATORS,
  type Operator,
} from "../types.js";

/** One problem with a flag configuration, located by a JSON path such as `state.rules[0].clauses[1].values[0]`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Result of validating a flag: errors block saving, warnings are worth showing. */
export interface FlagValidation {
  ok: boolean;
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

/** Flag and variant keys: a letter or digit, then letters, digits, `.`, `_` or `-`. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Longest flag or variant key. */
export const MAX_KEY_LENGTH = 128;
/** Most variants per flag. */
export const MAX_VARIANTS = 100;
/** Most targeting rules per flag and environment. */
export const MAX_RULES = 200;
/** Most clauses per rule. */
export const MAX_CLAUSES = 50;
/** Most values per clause. */
export const MAX_CLAUSE_VALUES = 1000;
/** Longest clause value. */
export const MAX_CLAUSE_VALUE_LENGTH = 1024;
/** Longest bucketing seed. */
export const MAX_SEED_LENGTH = 256;

const NUMERIC_OPERATORS = new Set<Operator>(["GT", "GTE", "LT", "LTE"]);
const SEMVER_OPERATORS = new Set<Operator>(["SVGT", "SVGTE", "SVLT", "SVLTE"]);
const REGEX_OPERATORS = new Set<Operator>(["MR", "DNMR"]);

/** Whether a string is a known clause operator code. */
export function isOperator(value: unknown): value is Operator {
  return typeof value === "string" && Object.hasOwn(OPERATORS, value);
}

/** Whether a string is a known clause attribute. */
export function isAttribute(value: unknown): value is Attribute {
  return typeof value === "string" && (ATTRIBUTES as readonly string[]).includes(value);
}

/** Whether `value` is a valid value for a variant of a flag of type `type`. */
export function isValueOfType(type: FlagType, value: unknown): boolean {
  switch (type) {
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "json":
      return value !== null && value !== undefined && isJson(value, 0);
  }
}

function isJson(value: unknown, depth: number): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every((item) => isJson(item, depth + 1));
  }
  return false;
}

function isKey(value: unknown): value is string {
  return typeof value === "string" && value.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(value);
}

const KEY_RULE = `must be 1–${MAX_KEY_LENGTH} characters: letters, digits, ".", "_" or "-", starting with a letter or digit`;

/**
 * Checks a flag configuration and reports every problem with the field it is in: unknown
 * variant ids, rollouts not totalling 100, duplicate keys and ids, unknown operators and
 * attributes, regexes that don't compile or could hang, numbers and versions that don't parse,
 * and values of the wrong type for the flag.
 */
export function validateFlag(flag: Flag): FlagValidation {
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const error = (path: string, message: string): void => {
    errors.push({ path, message });
  };
  const warn = (path: string, message: string): void => {
    warnings.push({ path, message });
  };

  if (!isKey(flag.key)) error("key", KEY_RULE);
  if (!FLAG_TYPES.includes(flag.type)) error("type", `must be one of ${FLAG_TYPES.join(", ")}`);

  const variantIds = new Set<number>();
  const variantKeys = new Set<string>();
  if (!Array.isArray(flag.variants) || flag.variants.length === 0) {
    error("variants", "must hold at least one variant");
  } else if (flag.variants.length > MAX_VARIANTS) {
    error("variants", `must hold at most ${MAX_VARIANTS} variants`);
  } else {
    flag.variants.forEach((variant, i) => {
      const at = `variants[${i}]`;
      if (!Number.isSafeInteger(variant.id)) error(`${at}.id`, "must be an integer");
      else if (variantIds.has(variant.id)) error(`${at}.id`, `duplicate variant id ${variant.id}`);
      variantIds.add(variant.id);
      if (!isKey(variant.key)) error(`${at}.key`, KEY_RULE);
      else if (variantKeys.has(variant.key))
        error(`${at}.key`, `duplicate variant key "${variant.key}"`);
      variantKeys.add(variant.key);
      if (FLAG_TYPES.includes(flag.type) && !isValueOfType(flag.type, variant.value)) {
        error(
          `${at}.value`,
          `must be a ${flag.type === "json" ? "JSON value (not null)" : flag.type}`,
        );
      }
    });
  }

  const state = flag.state;
  if (state === null || typeof state !== "object") {
    error("state", "is required");
    return { ok: false, errors, warnings };
  }
  const checkVariant = (path: string, id: unknown) => {
    if (!variantIds.has(id as number)) error(path, `unknown variant id ${String(id)}`);
  };
  if (typeof state.enabled !== "boolean") error("state.enabled", "must be true or false");
  checkVariant("state.offVariantId", state.offVariantId);
  checkVariant("state.onVariantId", state.onVariantId);
  if (typeof state.seed !== "string") error("state.seed", "must be a string");
  else if (state.seed.length > MAX_SEED_LENGTH)
    error("state.seed", `must be at most ${MAX_SEED_LENGTH} characters`);

  if (!Array.isArray(state.rollout)) {
    error("state.rollout", "must be a list (empty for no rollout)");
  } else if (state.rollout.length > 0) {
    let total = 0;
    const seen = new Set<number>();
    state.rollout.forEach((entry, i) => {
      const at = `state.rollout[${i}]`;
      checkVariant(`${at}.variantId`, entry.variantId);
      if (seen.has(entry.variantId))
        error(`${at}.variantId`, `variant ${entry.variantId} appears twice`);
      seen.add(entry.variantId);
      const p = entry.percentage;
      if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 100) {
        error(`${at}.percentage`, "must be a number from 0 to 100");
      } else {
        total += p;
      }
    });
    // Summed in array order like the SDKs; a tolerance absorbs binary fractions such as 33.3.
    if (Math.abs(total - 100) > 1e-9) {
      error("state.rollout", `percentages must total 100 (they total ${Number(total.toFixed(6))})`);
    }
  }

  if (!Array.isArray(state.rules)) {
    error("state.rules", "must be a list");
  } else if (state.rules.length > MAX_RULES) {
    error("state.rules", `must hold at most ${MAX_RULES} rules`);
  } else {
    const ruleIds = new Set<number>();
    state.rules.forEach((rule, r) => {
      const at = `state.rules[${r}]`;
      if (!Number.isSafeInteger(rule.id)) error(`${at}.id`, "must be an integer");
      else if (ruleIds.has(rule.id)) error(`${at}.id`, `duplicate rule id ${rule.id}`);
      ruleIds.add(rule.id);
      checkVariant(`${at}.variantId`, rule.variantId);
      if (!Array.isArray(rule.clauses)) {
        error(`${at}.clauses`, "must be a list");
        return;
      }
      if (rule.clauses.length > MAX_CLAUSES)
        error(`${at}.clauses`, `must hold at most ${MAX_CLAUSES} clauses`);
      if (rule.clauses.length === 0)
        warn(`${at}.clauses`, "a rule without clauses matches everyone");
      for (const [c, clause] of rule.clauses.entries()) {
        validateClause(clause, `${at}.clauses[${c}]`, error, warn);
      }
    });
  }
  return { ok: errors.length === 0, errors, warnings };
}

function validateClause(
  clause: Flag["state"]["rules"][number]["clauses"][number],
  at: string,
  error: (path: string, message: string) => void,
  warn: (path: string, message: string) => void,
): void {
  if (!isAttribute(clause.attribute)) {
    error(`${at}.attribute`, `unknown attribute; use one of ${ATTRIBUTES.join(", ")}`);
  } else if (clause.attribute === "CUSTOM") {
    if (typeof clause.customAttribute !== "string" || clause.customAttribute.length === 0) {
      error(`${at}.customAttribute`, "is required when attribute is CUSTOM");
    }
  } else if (clause.attribute === "IP" || clause.attribute === "COUNTRY") {
    warn(
      `${at}.attribute`,
      `${clause.attribute} matches only for client SDKs (the server reads it from the request); server SDKs evaluating locally never match it`,
    );
  }
  const operator = clause.operator;
  if (!isOperator(operator)) {
    error(`${at}.operator`, `unknown operator; use one of ${Object.keys(OPERATORS).join(", ")}`);
  }
  if (!Array.isArray(clause.values) || clause.values.length === 0) {
    error(`${at}.values`, "must hold at least one value");
    return;
  }
  if (clause.values.length > MAX_CLAUSE_VALUES) {
    error(`${at}.values`, `must hold at most ${MAX_CLAUSE_VALUES} values`);
  }
  clause.values.forEach((value, v) => {
    const path = `${at}.values[${v}]`;
    if (typeof value !== "string") {
      error(path, "must be a string");
      return;
    }
    if (value.length > MAX_CLAUSE_VALUE_LENGTH) {
      error(path, `must be at most ${MAX_CLAUSE_VALUE_LENGTH} characters`);
    } else if (NUMERIC_OPERATORS.has(operator) && Number.isNaN(Number.parseFloat(value))) {
      error(path, `"${value}" is not a number`);
    } else if (SEMVER_OPERATORS.has(operator) && parseSemver(value) === undefined) {
      error(path, `"${value}" is not a version (expected numbers separated by dots, e.g. 1.4.0)`);
    } else if (REGEX_OPERATORS.has(operator)) {
      const compiled = compileRegex(value);
      if (!compiled.ok) error(path, `regex ${compiled.error}`);
    }
  });
}

/** Reports flag keys that appear more than once in a set of flags. */
export function duplicateFlagKeys(flags: readonly Pick<Flag, "key">[]): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  flags.forEach((flag, i) => {
    if (seen.has(flag.key))
      issues.push({ path: `[${i}].key`, message: `duplicate flag key "${flag.key}"` });
    seen.add(flag.key);
  });
  return issues;
}
