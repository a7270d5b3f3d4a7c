// What an audit entry changed, in sentences: the history of a flag reads "Turned on" and
// "Rollout: on 50 %, off 50 % → on 100 %", not "flag.state.updated". Pure: tested on its own.

import { ATTRIBUTES, OPERATORS } from "../flags/flag-types.js";

type Data = Record<string, unknown>;

const isRecord = (value: unknown): value is Data =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A value as a person reads it: strings quoted, the rest as JSON, long ones cut. */
export function shown(value: unknown): string {
  if (value === undefined || value === null || value === "") return "(none)";
  const text = typeof value === "string" ? `"${value}"` : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

interface Variant {
  id: number;
  key: string;
  name?: string;
  description?: string;
  value: unknown;
}

interface Clause {
  attribute: string;
  customAttribute?: string | null;
  operator: string;
  values: string[];
}

interface Rule {
  id: number;
  name?: string;
  variant: string;
  clauses: Clause[];
}

const OPERATOR_WORDS = new Map(OPERATORS.map((o) => [o.value as string, o.label]));
const ATTRIBUTE_WORDS = new Map(ATTRIBUTES.map((a) => [a.value as string, a.label.toLowerCase()]));

function clauseText(clause: Clause): string {
  const attribute =
    clause.attribute === "CUSTOM"
      ? `"${clause.customAttribute ?? ""}"`
      : (ATTRIBUTE_WORDS.get(clause.attribute) ?? clause.attribute);
  const operator = OPERATOR_WORDS.get(clause.operator) ?? clause.operator;
  return `${attribute} ${operator} ${clause.values.join(", ")}`;
}

/** "rule 2 "Staff" (email ends with @acme.com → serve on)". */
function ruleText(rule: Rule, position: number): string {
  const conditions = rule.clauses.length ? rule.clauses.map(clauseText).join(" and ") : "everyone";
  const name = rule.name ? ` "${rule.name}"` : "";
  return `rule ${position}${name} (${conditions} → serve ${rule.variant})`;
}

function rolloutText(rollout: unknown): string {
  if (!Array.isArray(rollout) || rollout.length === 0) return "none";
  return rollout
    .map((entry) => {
      const e = entry as { variant: string; percentage: number };
      return `${e.variant} ${e.percentage} %`;
    })
    .join(", ");
}

function describeState(before: Data, after: Data): string[] {
  const lines: string[] = [];
  if (before.enabled !== after.enabled) lines.push(after.enabled ? "Turned on" : "Turned off");
  if (before.offVariant !== after.offVariant)
    lines.push(`Served when off: ${before.offVariant} → ${after.offVariant}`);
  if (before.onVariant !== after.onVariant)
    lines.push(`Served when on by default: ${before.onVariant} → ${after.onVariant}`);
  if (!same(before.rollout, after.rollout))
    lines.push(`Rollout: ${rolloutText(before.rollout)} → ${rolloutText(after.rollout)}`);
  const oldRules = (Array.isArray(before.rules) ? before.rules : []) as Rule[];
  const newRules = (Array.isArray(after.rules) ? after.rules : []) as Rule[];
  const oldById = new Map(oldRules.map((r, i) => [r.id, { rule: r, position: i + 1 }]));
  const newIds = new Set(newRules.map((r) => r.id));
  newRules.forEach((rule, i) => {
    const old = oldById.get(rule.id);
    if (!old) lines.push(`Added ${ruleText(rule, i + 1)}`);
    else if (!same({ ...old.rule, id: 0 }, { ...rule, id: 0 }))
      lines.push(`Changed ${ruleText(old.rule, old.position)} → ${ruleText(rule, i + 1)}`);
  });
  for (const { rule, position } of oldById.values())
    if (!newIds.has(rule.id)) lines.push(`Removed ${ruleText(rule, position)}`);
  const kept = (rules: Rule[]) => rules.filter((r) => oldById.has(r.id) && newIds.has(r.id));
  if (
    !same(
      kept(oldRules).map((r) => r.id),
      kept(newRules).map((r) => r.id),
    )
  )
    lines.push("Reordered the rules");
  if (before.seed !== after.seed)
    lines.push("New bucketing seed: users are assigned to rollout variants anew");
  return lines;
}

function describeVariants(before: Variant[], after: Variant[]): string[] {
  const lines: string[] = [];
  const oldById = new Map(before.map((v) => [v.id, v]));
  const newIds = new Set(after.map((v) => v.id));
  for (const variant of after) {
    const old = oldById.get(variant.id);
    if (!old) {
      lines.push(`Added variant ${variant.key} = ${shown(variant.value)}`);
      continue;
    }
    if (old.key !== variant.key) lines.push(`Renamed variant ${old.key} to ${variant.key}`);
    if (!same(old.value, variant.value))
      lines.push(`Variant ${variant.key}: value ${shown(old.value)} → ${shown(variant.value)}`);
    if ((old.name ?? "") !== (variant.name ?? "") && variant.name !== variant.key)
      lines.push(`Variant ${variant.key}: name ${shown(old.name)} → ${shown(variant.name)}`);
    if ((old.description ?? "") !== (variant.description ?? ""))
      lines.push(`Variant ${variant.key}: description changed`);
  }
  for (const old of before)
    if (!newIds.has(old.id)) lines.push(`Removed variant ${old.key} = ${shown(old.value)}`);
  return lines;
}

function describeFlag(before: Data, after: Data): string[] {
  const lines: string[] = [];
  if (before.name !== after.name) lines.push(`Name: ${shown(before.name)} → ${shown(after.name)}`);
  if (before.description !== after.description)
    lines.push(
      after.description ? `Description: ${shown(after.description)}` : "Removed the description",
    );
  const oldTags = (before.tags ?? []) as string[];
  const newTags = (after.tags ?? []) as string[];
  const added = newTags.filter((t) => !oldTags.includes(t));
  const removed = oldTags.filter((t) => !newTags.includes(t));
  if (added.length) lines.push(`Added tags ${added.join(", ")}`);
  if (removed.length) lines.push(`Removed tags ${removed.join(", ")}`);
  lines.push(
    ...describeVariants((before.variants ?? []) as Variant[], (after.variants ?? []) as Variant[]),
  );
  return lines;
}

/** Top-level fields that changed, for kinds of entries without their own wording. */
function describeFields(before: Data, after: Data): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const lines: string[] = [];
  for (const name of names) {
    if (name === "updatedAt" || name === "version" || same(before[name], after[name])) continue;
    if (name === "approvals") {
      lines.push(`Approvals: ${approvalsShown(before[name])} → ${approvalsShown(after[name])}`);
      continue;
    }
    const scalar = (v: unknown) => v === undefined || v === null || typeof v !== "object";
    lines.push(
      scalar(before[name]) && scalar(after[name])
        ? `${name}: ${shown(before[name])} → ${shown(after[name])}`
        : `Changed ${name}`,
    );
  }
  return lines;
}

const NOUNS: Record<string, string> = {
  flag: "the flag",
  environment: "the environment",
  experiment: "the experiment",
  metric: "the metric",
  sdk_key: "the SDK key",
  "sdk-key": "the SDK key",
  workspace: "the workspace",
  admin_token: "the admin token",
  "change-request": "the change request",
};

/** An environment's approvals setting in words. */
const approvalsShown = (value: unknown): string => {
  const approvals = isRecord(value) ? value : {};
  const required = Number(approvals.required ?? 0);
  return required === 0
    ? "none"
    : `${required} (by ${String(approvals.approverRole ?? "editor")}s or above)`;
};

/** The changes an audit entry records, one sentence each (never empty). */
export function describeChange(entry: {
  action: string;
  before: unknown;
  after: unknown;
}): string[] {
  const { action, before, after } = entry;
  const dot = action.lastIndexOf(".");
  const verb = action.slice(dot + 1);
  const noun = NOUNS[action.slice(0, action.indexOf("."))] ?? action.slice(0, dot);
  if (action === "flag.created" && isRecord(after)) {
    const variants = ((after.variants ?? []) as Variant[]).map((v) => v.key).join(", ");
    return [`Created the flag with variants ${variants}`];
  }
  if (
    [
      "created",
      "deleted",
      "archived",
      "restored",
      "started",
      "stopped",
      "revoked",
      "rotated",
    ].includes(verb)
  ) {
    return [`${verb[0]?.toUpperCase()}${verb.slice(1)} ${noun}`];
  }
  if (!isRecord(before) || !isRecord(after))
    return [`${verb[0]?.toUpperCase()}${verb.slice(1)} ${noun}`.replace(/_/g, " ")];
  const lines =
    action === "flag.state.updated" || action.startsWith("change-request.")
      ? describeState(before, after)
      : action === "flag.updated"
        ? describeFlag(before, after)
        : describeFields(before, after);
  return lines.length > 0 ? lines : ["No visible change"];
}
