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

/** A scalar a JSON value is compared with. */
export type JsonScalar = string | number | boolean | null;

/**
 * Reading JSON columns at a dotted property path (see isPropertyPath), one implementation per
 * database, each answering the same way: JSON types by their JSON names, numbers only from JSON
 * numbers, equality strict by type.
 */
export interface JsonSql {
  /** The JSON type at the path ("number", "string", "boolean", "null", "object", "array"); null when absent. */
  typeAt(column: RawBuilder<unknown>, path: string): RawBuilder<string | null>;
  /** The number at the path; null when it is not a JSON number. */
  numberAt(column: RawBuilder<unknown>, path: string): RawBuilder<number | null>;
  /** Whether the value at the path is this boolean. */
  isBoolean(column: RawBuilder<unknown>, path: string, value: boolean): RawBuilder<boolean>;
  /** Whether the value at the path is this string. */
  isString(column: RawBuilder<unknown>, path: string, value: string): RawBuilder<boolean>;
  /** Whether there is a value other than null at the path (one JSON lookup). */
  present(column: RawBuilder<unknown>, path: string): RawBuilder<boolean>;
  /**
   * Whether the value at the path equals a text: a string equal to it, a number equal to it read
   * as a number (`5` matches 5 and 5.0), or a boolean when the text is `true` or `false`; null,
   * objects, arrays and absent values never match (the list filters `prop.<path>=<value>`).
   */
  equalsText(column: RawBuilder<unknown>, path: string, text: string): RawBuilder<boolean>;
}

/** JSON number text, as a text must be to equal a number. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const numberOf = (text: string) => (JSON_NUMBER.test(text) ? Number(text) : null);

/** SQLite's JSON functions over text columns, with quoted keys (see sqliteJsonPath). */
export const SQLITE_JSON: JsonSql = {
  typeAt: (column, path) => {
    const at = sqliteJsonPath(path);
    return sql`(case json_type(${column}, ${at}) when 'integer' then 'number' when 'real' then 'number' when 'text' then 'string' when 'true' then 'boolean' when 'false' then 'boolean' else json_type(${column}, ${at}) end)`;
  },
  numberAt: (column, path) => {
    const at = sqliteJsonPath(path);
    return sql`(case when json_type(${column}, ${at}) in ('integer', 'real') then json_extract(${column}, ${at}) end)`;
  },
  isBoolean: (column, path, value) =>
    sql`(json_type(${column}, ${sqliteJsonPath(path)}) = ${value ? "true" : "false"})`,
  isString: (column, path, value) => {
    const at = sqliteJsonPath(path);
    return sql`(json_type(${column}, ${at}) = 'text' and json_extract(${column}, ${at}) = ${value})`;
  },
  present: (column, path) =>
    sql`(coalesce(json_type(${column}, ${sqliteJsonPath(path)}), 'null') <> 'null')`,
  equalsText: (column, path, text) => {
    const at = sqliteJsonPath(path);
    const number = numberOf(text);
    return sql<boolean>`(case json_type(${column}, ${at})
      when 'text' then json_extract(${column}, ${at}) = ${text}
      when 'integer' then json_extract(${column}, ${at}) = ${number}
      when 'real' then json_extract(${column}, ${at}) = ${number}
      when 'true' then ${text} = 'true'
      when 'false' then ${text} = 'false'
      else 0 end)`;
  },
};

/** PostgreSQL's jsonb operators (see jsonbAt). */
export const POSTGRES_JSON: JsonSql = {
  typeAt: (column, path) => sql`jsonb_typeof(${jsonbAt(column, path)})`,
  numberAt: (column, path) =>
    sql`(case when jsonb_typeof(${jsonbAt(column, path)}) = 'number' then (${jsonbTextAt(column, path)})::float8 end)`,
  isBoolean: (column, path, value) =>
    sql`(${jsonbAt(column, path)} = ${JSON.stringify(value)}::jsonb)`,
  isString: (column, path, value) =>
    sql`(jsonb_typeof(${jsonbAt(column, path)}) = 'string' and ${jsonbTextAt(column, path)} = ${value})`,
  present: (column, path) =>
    sql`(coalesce(jsonb_typeof(${jsonbAt(column, path)}), 'null') <> 'null')`,
  equalsText: (column, path, text) => {
    const value = jsonbTextAt(column, path);
    return sql<boolean>`(case jsonb_typeof(${jsonbAt(column, path)})
      when 'string' then ${value} = ${text}::text
      when 'number' then (${value})::float8 = ${numberOf(text)}::float8
      when 'boolean' then ${value} = ${text}::text
      else false end)`;
  },
};
