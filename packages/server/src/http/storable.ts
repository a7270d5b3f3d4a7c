import type { FastifyRequest } from "fastify";
import { AppError } from "./errors.js";

/**
 * A NUL character, or a UTF-16 surrogate without its pair. PostgreSQL stores neither (in text
 * or jsonb columns: the query fails), so such input is refused up front on both databases.
 */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const unstorable = (text: string): boolean =>
  text.includes("\u0000") || UNPAIRED_SURROGATE.test(text);

/**
 * The same characters as JSON.stringify writes them: `\u0000` and `\ud800`–`\udfff` escapes
 * (a paired surrogate is written as is), preceded by an even number of backslashes.
 */
const ESCAPED_UNSTORABLE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f])/;

/**
 * Whether the output of JSON.stringify holds only storable strings: one scan of the text,
 * much cheaper than walking the value (use unstorableField to find the path once it fails).
 */
export const storableJson = (json: string): boolean =>
  !json.includes("\\u") || !ESCAPED_UNSTORABLE.test(json);

/** Why a string field is refused, for error messages. */
export const UNSTORABLE_MESSAGE = "contains a NUL character or an unpaired UTF-16 surrogate";

/**
 * The path (`.a[0].b`; `""` for the value itself) of the first string, or object key, in a
 * JSON value that cannot be stored; undefined when every string can. Iterative, so any depth.
 */
export function unstorableField(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, ""]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [current, path] = next;
    if (typeof current === "string") {
      if (unstorable(current)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => {
        stack.push([item, `${path}[${i}]`]);
      });
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        if (unstorable(key)) return `${path}.${key}`;
        stack.push([item, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

/** A preHandler refusing admin requests whose path, query or body holds an unstorable string. */
export async function rejectUnstorableInput(request: FastifyRequest): Promise<void> {
  const parts: [string, unknown][] = [
    ["params", request.params],
    ["query", request.query],
    ["body", request.body],
  ];
  for (const [where, value] of parts) {
    const field = unstorableField(value);
    if (field !== undefined) {
      const name = `${where}${field}`;
      throw new AppError("validation_failed", `Invalid request: ${name} ${UNSTORABLE_MESSAGE}`, [
        { field: name, message: UNSTORABLE_MESSAGE },
      ]);
    }
  }
}
