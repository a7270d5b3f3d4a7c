import { type RawBuilder, sql } from "kysely";
import type { Dialect } from "../storage/dialects.js";
import { jsonbAt as jsonbAtColumn, jsonbTextAt, sqliteJsonPath } from "../storage/json-paths.js";
import { KIND_DEFINITIONS } from "./metric-kinds.js";
import type { MetricFilter } from "./metric-schemas.js";
import type { Metric } from "./metric-service.js";

type Scalar = string | number | boolean | null;

/**
 * A metric in SQL over the event row `e`, for either dialect: whether an event counts, its
 * value, its column for the analysis. Property paths and filter values are always bound
 * parameters; only fixed SQL text is inlined.
 */
export class MetricSql {
  constructor(private readonly dialect: Dialect) {}

  /** The JSON type at a property path: null when absent; "number" for any JSON number. */
  private jsonType(path: string): RawBuilder<string | null> {
    if (this.dialect === "sqlite") {
      return sql`(case json_type(e.properties, ${sqliteJsonPath(path)}) when 'integer' then 'number' when 'real' then 'number' when 'text' then 'string' when 'true' then 'boolean' when 'false' then 'boolean' else json_type(e.properties, ${sqliteJsonPath(path)}) end)`;
    }
    return sql`jsonb_typeof(${jsonbAt(path)})`;
  }

  /** The number at a property path, or NULL when it is not a JSON number. */
  numberAt(path: string): RawBuilder<number | null> {
    if (this.dialect === "sqlite") {
      return sql`(case when json_type(e.properties, ${sqliteJsonPath(path)}) in ('integer', 'real') then json_extract(e.properties, ${sqliteJsonPath(path)}) end)`;
    }
    return sql`(case when jsonb_typeof(${jsonbAt(path)}) = 'number' then (${textAt(path)})::float8 end)`;
  }

  /** Type-strict equality of the value at a path with a JSON scalar; false when absent. */
  private equals(path: string, value: Scalar): RawBuilder<boolean> {
    const type = this.jsonType(path);
    if (value === null) return sql`(${type} = 'null')`;
    if (typeof value === "boolean") {
      if (this.dialect === "sqlite")
        return sql`(json_type(e.properties, ${sqliteJsonPath(path)}) = ${value ? "true" : "false"})`;
      return sql`(${jsonbAt(path)} = ${JSON.stringify(value)}::jsonb)`;
    }
    if (typeof value === "number") return sql`(${this.numberAt(path)} = ${value})`;
    if (this.dialect === "sqlite")
      return sql`(json_type(e.properties, ${sqliteJsonPath(path)}) = 'text' and json_extract(e.properties, ${sqliteJsonPath(path)}) = ${value})`;
    return sql`(jsonb_typeof(${jsonbAt(path)}) = 'string' and ${textAt(path)} = ${value})`;
  }

  /** One filter as a condition on the event row `e`. */
  filter(f: MetricFilter): RawBuilder<boolean> {
    // Filter values were checked to be JSON scalars when the metric was saved.
    const value = (f.value ?? null) as Scalar;
    switch (f.operator) {
      case "equals":
        return this.equals(f.property, value);
      case "not_equals":
        return sql`((case when ${this.equals(f.property, value)} then 0 else 1 end) = 1)`;
      case "in":
        return sql`(${sql.join(
          (f.values ?? []).map((v) => this.equals(f.property, v as Scalar)),
          sql` or `,
        )})`;
      case "exists":
        // One JSON lookup per event: this runs on every event of the metric.
        if (this.dialect === "sqlite")
          return sql`(coalesce(json_type(e.properties, ${sqliteJsonPath(f.property)}), 'null') <> 'null')`;
        return sql`(coalesce(jsonb_typeof(${jsonbAt(f.property)}), 'null') <> 'null')`;
      case "gt":
        return sql`(${this.numberAt(f.property)} > ${value})`;
      case "gte":
        return sql`(${this.numberAt(f.property)} >= ${value})`;
      case "lt":
        return sql`(${this.numberAt(f.property)} < ${value})`;
      case "lte":
        return sql`(${this.numberAt(f.property)} <= ${value})`;
    }
  }

  /** Whether the event row `e` counts for the metric. */
  matches(metric: Metric): RawBuilder<boolean> {
    const conditions = [
      sql`e.event_key = ${metric.eventKey}`,
      ...metric.filters.map((f) => this.filter(f)),
    ];
    return sql`(${sql.join(conditions, sql` and `)})`;
  }

  /** The metric's value of the event row `e`: the eventValue or a numeric property; else NULL. */
  value(metric: Metric): RawBuilder<number | null> {
    return metric.valuePath === null ? sql`e.value` : this.numberAt(metric.valuePath);
  }

  /**
   * The metric's column of the event row `e`: for conversion and count 1 when the event counts
   * and else 0; for sum and average the event's value when it counts, else NULL.
   */
  eventColumn(metric: Metric): RawBuilder<number | null> {
    return KIND_DEFINITIONS[metric.kind].column === "match"
      ? sql`(case when ${this.matches(metric)} then 1 else 0 end)`
      : sql`(case when ${this.matches(metric)} then ${this.value(metric)} end)`;
  }
}

/** The jsonb value at a dotted path of the event row's properties (PostgreSQL). */
const jsonbAt = (path: string): RawBuilder<unknown> => jsonbAtColumn(sql`e.properties`, path);
/** The text of the value at a dotted path of the event row's properties (PostgreSQL). */
const textAt = (path: string): RawBuilder<string | null> => jsonbTextAt(sql`e.properties`, path);
