import type { paths } from "../api/schema.js";

type ExperimentsPath = paths["/api/v1/workspaces/{ws}/experiments"];
export type Experiment = ExperimentsPath["post"]["responses"][201]["content"]["application/json"];
export type NewExperiment = ExperimentsPath["post"]["requestBody"]["content"]["application/json"];
type ResultsPath = paths["/api/v1/workspaces/{ws}/experiments/{experiment}/results"];
export type Snapshot = ResultsPath["get"]["responses"][200]["content"]["application/json"];
export type ExperimentResult = Snapshot["result"];
export type MetricResult = ExperimentResult["metrics"][number];
export type VariantResult = MetricResult["variants"][number];
export type Verdict = NonNullable<VariantResult["comparison"]>["verdict"];
export type StopInput = NonNullable<
  paths["/api/v1/workspaces/{ws}/experiments/{experiment}/stop"]["post"]["requestBody"]
>["content"]["application/json"];

export const STATUS_COLOR = { draft: "gray", running: "blue", stopped: "dark" } as const;
export const VERDICT_COLOR: Record<Verdict, string> = {
  winning: "green",
  losing: "red",
  inconclusive: "gray",
};

/** A fraction as a signed percentage: 0.0512 → "+5.1%". */
export function percent(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return "—";
  return `${x > 0 ? "+" : ""}${(x * 100).toFixed(digits)}%`;
}

/** A p-value as usually written. */
export function pValue(p: number): string {
  if (!Number.isFinite(p)) return "—";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/** A mean with sensible precision. */
export function figure(x: number): string {
  if (!Number.isFinite(x)) return "—";
  return Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(3) : x.toFixed(4);
}
