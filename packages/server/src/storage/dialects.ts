import { type ColumnDataType, type ColumnDefinitionBuilder, type RawBuilder, sql } from "kysely";
import { type JsonSql, POSTGRES_JSON, SQLITE_JSON } from "./json-paths.js";

/** The two databases the server runs on. */
export type Dialect = "sqlite" | "postgres";

/** Column type for JSON documents: text on SQLite, jsonb on PostgreSQL. */
export function jsonType(dialect: Dialect): ColumnDataType {
  return dialect === "postgres" ? "jsonb" : "text";
}

/** Column type for bytes: blob on SQLite, bytea on PostgreSQL. */
export function binaryType(dialect: Dialect): ColumnDataType {
  return dialect === "postgres" ? "bytea" : "blob";
}

/** Column type for surrogate keys. */
export function idType(dialect: Dialect): ColumnDataType {
  return dialect === "postgres" ? "serial" : "integer";
}

/** Makes an id column the auto-assigned primary key in either dialect. */
export function idColumn(dialect: Dialect) {
  return (column: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialect === "postgres" ? column.primaryKey() : column.primaryKey().autoIncrement();
}

/** Encodes a value for a JSON column (both drivers accept JSON text). */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Decodes a JSON column: SQLite returns the stored text, pg returns jsonb already parsed.
 * Only objects and arrays are stored in JSON columns, so a string is always JSON text.
 */
export function fromJson<T>(raw: unknown): T {
  return (typeof raw === "string" ? JSON.parse(raw) : raw) as T;
}

/** The current time as stored: a UTC ISO string. */
export function nowIso(now: () => number = Date.now): string {
  return new Date(now()).toISOString();
}

/**
 * What differs between the two databases' SQL in queries, one object per database, so that a
 * query says what it needs (`d.least`, `d.json.numberAt(...)`) instead of branching on the
 * database in the middle of its SQL.
 */
export interface SqlDialect {
  name: Dialect;
  /** The two-argument minimum and maximum of scalars. */
  least: RawBuilder<unknown>;
  greatest: RawBuilder<unknown>;
  /** An ISO time parameter compared as stored text: byte by byte on PostgreSQL ("C"), as SQLite does. */
  isoText(value: string): RawBuilder<string>;
  /** A join that keeps the left table as the outer loop (SQLite's planner otherwise may not). */
  leftFirstJoin: RawBuilder<unknown>;
  /** JSON columns at property paths. */
  json: JsonSql;
}

const SQLITE: SqlDialect = {
  name: "sqlite",
  least: sql.raw("min"),
  greatest: sql.raw("max"),
  isoText: (value) => sql`${value}`,
  leftFirstJoin: sql.raw("cross join"),
  json: SQLITE_JSON,
};

const POSTGRES: SqlDialect = {
  name: "postgres",
  least: sql.raw("least"),
  greatest: sql.raw("greatest"),
  isoText: (value) => sql`${value} collate "C"`,
  leftFirstJoin: sql.raw("join"),
  json: POSTGRES_JSON,
};

/** The SQL of a database (see SqlDialect). */
export function sqlDialect(dialect: Dialect): SqlDialect {
  return dialect === "postgres" ? POSTGRES : SQLITE;
}
