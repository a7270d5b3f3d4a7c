import type { EvaluationContext } from "@flagsync-oss/core";
import { SdkError, type SdkProblem } from "./sdk-errors.js";

const MAX_KEY_LENGTH = 512;
const MAX_ATTRIBUTES = 200;
const MAX_CONTEXT_BYTES = 16_384;
/** Deepest nesting of attribute values (as for variant values): deeper ones overflow JSON.stringify. */
const MAX_ATTRIBUTE_DEPTH = 32;

/** Whether a JSON value nests deeper than `max` levels; iterative, so any input is safe. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== "object") continue;
    if (depth > max) return true;
    for (const item of Object.values(current)) stack.push([item, depth + 1]);
  }
  return false;
}

/**
 * Checks a user context from a body, header or query: a string key and a plain attribute
 * object; the problem when it is not one.
 */
export function checkContext(
  raw: unknown,
  where: string,
): { context: EvaluationContext } | { problem: SdkProblem } {
  const problem = (errorCode: SdkProblem["errorCode"], message: string) => ({
    problem: { statusCode: 400, errorCode, message },
  });
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    return problem(
      "USER_CONTEXT_NOT_FOUND",
      `${where} must be a user context object {"key": "...", "attributes": {...}}`,
    );
  const { key, attributes } = raw as { key?: unknown; attributes?: unknown };
  if (typeof key !== "string" || key.length === 0 || key.length > MAX_KEY_LENGTH)
    return problem(
      "USER_CONTEXT_NOT_FOUND",
      `${where}.key must be a string of 1 to ${MAX_KEY_LENGTH} characters`,
    );
  if (attributes !== undefined && attributes !== null) {
    if (typeof attributes !== "object" || Array.isArray(attributes))
      return problem("INVALID_CONFIGURATION", `${where}.attributes must be an object`);
    if (Object.keys(attributes).length > MAX_ATTRIBUTES)
      return problem(
        "INVALID_CONFIGURATION",
        `${where}.attributes must have at most ${MAX_ATTRIBUTES} entries`,
      );
    if (nestsDeeperThan(attributes, MAX_ATTRIBUTE_DEPTH))
      return problem(
        "INVALID_CONFIGURATION",
        `${where}.attributes must not nest deeper than ${MAX_ATTRIBUTE_DEPTH} levels`,
      );
  }
  const { bucketingKey } = raw as { bucketingKey?: unknown };
  if (bucketingKey === undefined || bucketingKey === null)
    return { context: { key, attributes: (attributes ?? {}) as Record<string, unknown> } };
  if (
    typeof bucketingKey !== "string" ||
    bucketingKey.length === 0 ||
    bucketingKey.length > MAX_KEY_LENGTH
  )
    return problem(
      "INVALID_CONFIGURATION",
      `${where}.bucketingKey must be a string of 1 to ${MAX_KEY_LENGTH} characters`,
    );
  return {
    context: { key, attributes: (attributes ?? {}) as Record<string, unknown>, bucketingKey },
  };
}

/** A user context (see checkContext) for a route: refused with an SdkError. */
export function parseContext(raw: unknown, where: string): EvaluationContext {
  const checked = checkContext(raw, where);
  if ("problem" in checked) throw SdkError.of(checked.problem);
  return checked.context;
}

/** Parses the JSON context of the x-ridgeline-user-ctx header or query parameter. */
export function parseContextText(text: unknown, where: string): EvaluationContext {
  if (typeof text !== "string" || text.length === 0) {
    throw new SdkError(400, "USER_CONTEXT_NOT_FOUND", `${where} is required`);
  }
  if (text.length > MAX_CONTEXT_BYTES)
    throw new SdkError(400, "INVALID_CONFIGURATION", `${where} is too large`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SdkError(400, "USER_CONTEXT_NOT_FOUND", `${where} is not valid JSON`);
  }
  return parseContext(parsed, where);
}

/**
 * Adds what only the server knows to a client SDK's context: the request's IP address and,
 * when a proxy or CDN supplies one, its country, so IP and COUNTRY clauses can match.
 */
export function withRequestData(
  context: EvaluationContext,
  request: { ip: string; headers: Record<string, string | string[] | undefined> },
  countryHeader: string | undefined,
): EvaluationContext {
  const country = countryHeader ? request.headers[countryHeader] : undefined;
  return {
    ...context,
    ip: request.ip,
    ...(typeof country === "string" && country.length > 0 && country.length <= 8
      ? { country: country.toUpperCase() }
      : {}),
  };
}
