import type { ColumnDataType, ColumnDefinitionBuilder } from "kysely";

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

/** SQL name of the two-argument minimum: `min` on SQLite, `least` on PostgreSQL. */
export function leastFunction(dialect: Dialect): "min" | "least" {
  return dialect === "postgres" ? "least" : "min";
}
