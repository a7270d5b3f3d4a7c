export { BUCKET_COUNT, bucketFor, defaultHash48, type Hash48 } from "./bucketing/bucket.js";
export { sha256Hex, sha256Prefix48, sha256Prefix48Of2 } from "./bucketing/sha256.js";
export {
  type CompiledFlag,
  compileFlag,
  type EvaluateOptions,
  evaluate,
  evaluateCompiled,
  FALLBACK_VALUE,
} from "./evaluate.js";
export { type Explanation, explain } from "./explain.js";
export {
  type DetailMeta,
  fromFlagSyncDetail,
  toFlagSyncDetail,
  valueOfVariantDto,
} from "./flagsync/convert.js";
export type * from "./flagsync/dto.js";
export { type Impression, ImpressionQueue } from "./impression-queue.js";
export type { JsonObject, JsonValue } from "./json.js";
export { type ClauseMatcher, compileClause } from "./targeting/clause.js";
export {
  compileRegex,
  MAX_REGEX_INPUT_LENGTH,
  MAX_REGEX_PATTERN_LENGTH,
  MAX_UNBOUNDED_QUANTIFIERS,
  type RegexCompilation,
  regexHazard,
} from "./targeting/regex.js";
export { compareSemver, parseSemver, type SemverParts } from "./targeting/semver.js";
export * from "./types.js";
export {
  duplicateFlagKeys,
  type FieldIssue,
  type FlagValidation,
  isAttribute,
  isOperator,
  isValueOfType,
  KEY_PATTERN,
  MAX_CLAUSE_VALUE_LENGTH,
  MAX_CLAUSE_VALUES,
  MAX_CLAUSES,
  MAX_KEY_LENGTH,
  MAX_RULES,
  MAX_SEED_LENGTH,
  MAX_VARIANTS,
  validateFlag,
} from "./validation/validate-flag.js";
export { canonicalJson, type VariantLookup, variantLookup } from "./variant-of-value.js";
