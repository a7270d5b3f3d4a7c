import { type RawBuilder, sql } from "kysely";
import { type Dialect, sqlDialect } from "../storage/dialects.js";
import type { JsonScalar, JsonSql } from "../storage/json-paths.js";
import { KIND_DEFINITIONS } from "./metric-kinds.js";
import type { MetricFilter } from "./metric-schemas.js";
import type { Metric } from "./metric-service.js";

/**
 * A metric in SQL over the event row `e`, for either dialect: whether an event counts, its
 * value, its column for the analysis. Property paths and filter values are always bound
 * parameters; only fixed SQL text is inlined.
 */
export class MetricSql {
  private readonly json: JsonSql;

  constructor(dialect: Dialect) {
    this.json = sqlDialect(dialect).json;
  }

  /** The number at a property path, or NULL when it is not a JSON number. */
  numberAt(path: string): RawBuilder<number | null> {
    return this.json.numberAt(PROPERTIES, path);
  }

  /** Type-strict equality of the value at a path with a JSON scalar; false when absent. */
  private equals(path: string, value: JsonScalar): RawBuilder<boolean> {
    if (value === null) return sql`(${this.json.typeAt(PROPERTIES, path)} = 'null')`;
    if (typeof value === "boolean") return this.json.isBoolean(PROPERTIES, path, value);
    if (typeof value === "number") return sql`(${this.numberAt(path)} = ${value})`;
    return this.json.isString(PROPERTIES, path, value);
  }

  /** One filter as a condition on the event row `e`. */
  filter(f: MetricFilter): RawBuilder<boolean> {
    // Filter values were checked to be JSON scalars when the metric was saved.
    const value = (f.value ?? null) as JsonScalar;
    switch (f.operator) {
      case "equals":
        return this.equals(f.property, value);
      case "not_equals":
        return sql`((case when ${this.equals(f.property, value)} then 0 else 1 end) = 1)`;
      case "in":
        return sql`(${sql.join(
          (f.values ?? []).map((v) => this.equals(f.property, v as JsonScalar)),
          sql` or `,
        )})`;
      case "exists":
        // One JSON lookup per event: this runs on every event of the metric.
        return this.json.present(PROPERTIES, f.property);
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

/** The event row's properties. */
const PROPERTIES = sql`e.properties`;
