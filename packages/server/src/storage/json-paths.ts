import { type RawBuilder, sql } from "kysely";

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
