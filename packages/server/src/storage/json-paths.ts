import { type RawBuilder, sql } from "kysely";
import type { Dialect } from "./dialects.js";

/**
 * A dotted path into a JSON object (`price`, `cart.total`): 1 to 8 keys, none empty, none with
 * a `"`, a `\` or a control character. Each key names an object member (never an array index)
 * on both databases; SQLite's JSON paths cannot quote the excluded characters, so paths with
 * them are refused rather than read differently by the two databases.
 */
export const PROPERTY_PATH_PATTERN =
  '^[^.\\u0000-\\u001f"\\\\]+(\\.[^.\\u0000-\\u001f"\\\\]+){0,7}$';
/** Longest property path. */
export const PROPERTY_PATH_MAX_LENGTH = 200;

const propertyPath = new RegExp(PROPERTY_PATH_PATTERN);
/** Whether a text is a property path (see PROPERTY_PATH_PATTERN). */
export const isPropertyPath = (path: string): boolean =>
  path.length <= PROPERTY_PATH_MAX_LENGTH && propertyPath.test(path);

/** A SQLite JSON path with every key quoted: `$."cart"."total"`. Only for property paths. */
export function sqliteJsonPath(path: string): string {
  return `$${path
    .split(".")
    .map((key) => `."${key}"`)
    .join("")}`;
}

/**
 * The jsonb value at a dotted path of a jsonb column (PostgreSQL), as a chain of `->` with text
 * keys (object members only, like SQLite's quoted keys): cheaper per row than `#>` with a
 * text[] path, which builds the array on every call.
 */
export function jsonbAt(column: RawBuilder<unknown>, path: string): RawBuilder<unknown> {
  return path
    .split(".")
    .reduce<RawBuilder<unknown>>((object, key) => sql`${object} -> ${key}::text`, column);
}

/** The text of the value at a dotted path of a jsonb column (PostgreSQL): `->>` at the end. */
export function jsonbTextAt(column: RawBuilder<unknown>, path: string): RawBuilder<string | null> {
  const keys = path.split(".");
  const last = keys.pop() as string;
  const object = keys.length === 0 ? column : jsonbAt(column, keys.join("."));
  return sql`${object} ->> ${last}::text`;
}

/** JSON number text, as a text must be to equal a number. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Whether the value at a dotted path of a JSON column equals a text, the same on both databases:
 * a string equal to the text, a number equal to the text read as a number (`5` matches 5 and
 * 5.0), or a boolean when the text is `true` or `false`; null, objects, arrays and absent
 * values never match (the list filters `prop.<path>=<value>`).
 */
export function jsonEqualsText(
  dialect: Dialect,
  column: RawBuilder<unknown>,
  path: string,
  text: string,
): RawBuilder<boolean> {
  const number = JSON_NUMBER.test(text) ? Number(text) : null;
  if (dialect === "sqlite") {
    const at = sqliteJsonPath(path);
    return sql<boolean>`(case json_type(${column}, ${at})
      when 'text' then json_extract(${column}, ${at}) = ${text}
      when 'integer' then json_extract(${column}, ${at}) = ${number}
      when 'real' then json_extract(${column}, ${at}) = ${number}
      when 'true' then ${text} = 'true'
      when 'false' then ${text} = 'false'
      else 0 end)`;
  }
  const value = jsonbTextAt(column, path);
  return sql<boolean>`(case jsonb_typeof(${jsonbAt(column, path)})
      when 'string' then ${value} = ${text}::text
      when 'number' then (${value})::float8 = ${number}::float8
      when 'boolean' then ${value} = ${text}::text
      else false end)`;
}
