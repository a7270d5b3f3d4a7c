import type { paths } from "../api/schema.js";

type MetricsPath = paths["/api/v1/workspaces/{ws}/metrics"];
export type Metric = MetricsPath["post"]["responses"][201]["content"]["application/json"];
export type NewMetric = MetricsPath["post"]["requestBody"]["content"]["application/json"];
export type MetricChange = NonNullable<
  paths["/api/v1/workspaces/{ws}/metrics/{metric}"]["patch"]["requestBody"]
>["content"]["application/json"];
export type MetricFilter = Metric["filters"][number];
export type MetricKind = Metric["kind"];
type PreviewPath = paths["/api/v1/workspaces/{ws}/environments/{env}/metric-preview"]["post"];
export type PreviewInput = PreviewPath["requestBody"]["content"]["application/json"];
export type PreviewDay =
  PreviewPath["responses"][200]["content"]["application/json"]["days"][number];

export const KINDS: { value: MetricKind; label: string; help: string }[] = [
  {
    value: "conversion",
    label: "Conversion",
    help: "A user converts with at least one matching event",
  },
  { value: "count", label: "Count", help: "Matching events per user" },
  { value: "sum", label: "Sum", help: "Sum of the values per user" },
  { value: "average", label: "Average", help: "Mean of a user's values" },
];

export const FILTER_OPERATORS: { value: MetricFilter["operator"]; label: string }[] = [
  { value: "equals", label: "equals" },
  { value: "not_equals", label: "does not equal" },
  { value: "in", label: "is one of" },
  { value: "exists", label: "exists" },
  { value: "gt", label: ">" },
  { value: "gte", label: "≥" },
  { value: "lt", label: "<" },
  { value: "lte", label: "≤" },
];

/**
 * A filter value as typed: JSON numbers, true, false and null are those; anything else is a
 * string (quote a string that looks like a number: "5").
 */
export function parseScalar(text: string): string | number | boolean | null {
  const trimmed = text.trim();
  if (trimmed === "") return "";
  try {
    const value: unknown = JSON.parse(trimmed);
    if (value === null || ["string", "number", "boolean"].includes(typeof value))
      return value as string | number | boolean | null;
  } catch {
    // not JSON: the text itself
  }
  return text;
}

/** The text of a scalar, as parseScalar reads it back. */
export function showScalar(value: unknown): string {
  return typeof value === "string" && parseScalar(value) === value ? value : JSON.stringify(value);
}

/** A filter in words: `plan equals "pro"`. */
export function describeFilter(f: MetricFilter): string {
  const op = FILTER_OPERATORS.find((o) => o.value === f.operator)?.label ?? f.operator;
  if (f.operator === "exists") return `${f.property} exists`;
  if (f.operator === "in")
    return `${f.property} ${op} ${(f.values ?? []).map((v) => JSON.stringify(v)).join(", ")}`;
  return `${f.property} ${op} ${JSON.stringify(f.value)}`;
}
