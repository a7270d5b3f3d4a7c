import { PROPERTY_PATH_PATTERN } from "../storage/json-paths.js";

/** One schema violation as Ajv reports it. */
export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** The patterns of our schemas, said in words (a user should not have to read a regex). */
const PATTERN_WORDS: Record<string, string> = {
  "^[A-Za-z0-9][A-Za-z0-9._-]*$":
    "must start with a letter or digit and contain only letters, digits, '.', '_' and '-' (no spaces)",
  "^[A-Za-z0-9][A-Za-z0-9.:/-]*$":
    "must start with a letter or digit and contain only letters, digits, '.', ':', '/' and '-' (no spaces)",
  [PROPERTY_PATH_PATTERN]: "must be a property name or a dotted path such as cart.total",
};

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  integer: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  null: "null",
};

/** What is wrong with a field, in words, for the `details` of a validation error. */
export function validationMessage(e: AjvError): string {
  const { params } = e;
  switch (e.keyword) {
    case "required":
      return "is required";
    case "additionalProperties":
      return "is not a known field";
    case "pattern":
      return PATTERN_WORDS[String(params.pattern)] ?? "is not in the expected format";
    case "minLength":
      return params.limit === 1
        ? "must not be empty"
        : `must be at least ${params.limit} characters long`;
    case "maxLength":
      return `must be at most ${params.limit} characters long`;
    case "minimum":
      return `must be at least ${params.limit}`;
    case "maximum":
      return `must be at most ${params.limit}`;
    case "minItems":
      return `must have at least ${params.limit} ${params.limit === 1 ? "entry" : "entries"}`;
    case "maxItems":
      return `must have at most ${params.limit} entries`;
    case "enum":
      return Array.isArray(params.allowedValues)
        ? `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`
        : "is not one of the allowed values";
    case "type": {
      const types = String(params.type)
        .split(",")
        .map((t) => TYPE_WORDS[t] ?? t);
      return `must be ${types.join(" or ")}`;
    }
    case "format":
      return params.format === "date-time"
        ? "must be a date and time such as 2026-12-03T10:00:00Z"
        : `must be a valid ${params.format}`;
    default:
      return e.message ?? "is not valid";
  }
}
