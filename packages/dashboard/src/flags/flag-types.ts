import type { paths } from "../api/schema.js";

type FlagsPath = paths["/api/v1/workspaces/{ws}/flags"];
export type Flag = FlagsPath["post"]["responses"][201]["content"]["application/json"];
export type NewFlag = FlagsPath["post"]["requestBody"]["content"]["application/json"];
export type FlagType = Flag["type"];
export type EnvironmentState = Flag["environments"][string];
export type StateChange = NonNullable<
  paths["/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}"]["patch"]["requestBody"]
>["content"]["application/json"];
export type Rule = NonNullable<StateChange["rules"]>[number];
export type Clause = Rule["clauses"][number];
export type Operator = Clause["operator"];
export type Attribute = Clause["attribute"];

/** Operators by name, as the rule editor offers them. */
export const OPERATORS: { value: Operator; label: string }[] = [
  { value: "IOO", label: "is one of" },
  { value: "INOO", label: "is not one of" },
  { value: "SW", label: "starts with" },
  { value: "DNSW", label: "does not start with" },
  { value: "EW", label: "ends with" },
  { value: "DNEW", label: "does not end with" },
  { value: "MR", label: "matches regex" },
  { value: "DNMR", label: "does not match regex" },
  { value: "GT", label: "greater than" },
  { value: "GTE", label: "greater than or equal" },
  { value: "LT", label: "less than" },
  { value: "LTE", label: "less than or equal" },
  { value: "SVGT", label: "semver greater than" },
  { value: "SVGTE", label: "semver greater than or equal" },
  { value: "SVLT", label: "semver less than" },
  { value: "SVLTE", label: "semver less than or equal" },
];

export const ATTRIBUTES: { value: Attribute; label: string }[] = [
  { value: "KEY", label: "User key" },
  { value: "EMAIL", label: "Email" },
  { value: "IP", label: "IP address" },
  { value: "COUNTRY", label: "Country" },
  { value: "CUSTOM", label: "Custom attribute" },
];

/** A variant's value as shown in the UI. */
export function showValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A typed value from what was typed; throws with a message the form shows. */
export function parseValue(type: FlagType, text: string): unknown {
  if (type === "string") return text;
  if (type === "boolean") {
    if (text === "true" || text === "false") return text === "true";
    throw new Error("Enter true or false");
  }
  if (type === "number") {
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n)) throw new Error("Enter a number");
    return n;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error("Enter a JSON value");
  }
}
