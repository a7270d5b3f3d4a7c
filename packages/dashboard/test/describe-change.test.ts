// The history's sentences for each kind of change, from audit entries shaped as the API
// returns them (before and after as the flag or state views).
import { describe, expect, it } from "vitest";
import { describeChange } from "../src/audit/describe-change.js";

const state = {
  environment: "production",
  enabled: false,
  offVariant: "off",
  onVariant: "on",
  seed: "s1",
  rules: [] as unknown[],
  rollout: [] as unknown[],
  version: 1,
  updatedAt: "2026-12-01T00:00:00.000Z",
};

const staff = {
  id: 1,
  name: "Staff",
  variant: "on",
  clauses: [{ attribute: "EMAIL", operator: "EW", values: ["@acme.com"] }],
};

const flag = {
  key: "checkout",
  name: "Checkout",
  description: "",
  type: "string",
  tags: ["team:pay"],
  archived: false,
  variants: [
    { id: 1, key: "control", name: "control", description: "", value: "old" },
    { id: 2, key: "treatment", name: "treatment", description: "", value: "new" },
  ],
};

const stateChange = (before: object, after: object) =>
  describeChange({ action: "flag.state.updated", before, after });

describe("describeChange", () => {
  it("says a flag was turned on and its rollout changed", () => {
    const after = {
      ...state,
      enabled: true,
      rollout: [
        { variant: "on", percentage: 10 },
        { variant: "off", percentage: 90 },
      ],
      version: 2,
    };
    expect(stateChange(state, after)).toEqual(["Turned on", "Rollout: none → on 10 %, off 90 %"]);
    expect(stateChange(after, { ...after, enabled: false })).toEqual(["Turned off"]);
  });

  it("names added, changed, removed and reordered rules with their conditions", () => {
    const custom = {
      id: 2,
      name: "",
      variant: "off",
      clauses: [
        {
          attribute: "CUSTOM",
          customAttribute: "plan",
          operator: "IOO",
          values: ["free", "trial"],
        },
        { attribute: "KEY", operator: "SW", values: ["bot-"] },
      ],
    };
    expect(stateChange(state, { ...state, rules: [staff] })).toEqual([
      'Added rule 1 "Staff" (email ends with @acme.com → serve on)',
    ]);
    expect(stateChange({ ...state, rules: [staff] }, { ...state, rules: [staff, custom] })).toEqual(
      ['Added rule 2 ("plan" is one of free, trial and user key starts with bot- → serve off)'],
    );
    const changed = { ...staff, variant: "off" };
    expect(stateChange({ ...state, rules: [staff] }, { ...state, rules: [changed] })).toEqual([
      'Changed rule 1 "Staff" (email ends with @acme.com → serve on) → rule 1 "Staff" (email ends with @acme.com → serve off)',
    ]);
    expect(
      stateChange({ ...state, rules: [staff, custom] }, { ...state, rules: [custom] }),
    ).toEqual(['Removed rule 1 "Staff" (email ends with @acme.com → serve on)']);
    expect(
      stateChange({ ...state, rules: [staff, custom] }, { ...state, rules: [custom, staff] }),
    ).toContain("Reordered the rules");
  });

  it("tells a new seed and the default variants apart", () => {
    expect(
      stateChange(state, { ...state, seed: "s2", offVariant: "on", onVariant: "off" }),
    ).toEqual([
      "Served when off: off → on",
      "Served when on by default: on → off",
      "New bucketing seed: users are assigned to rollout variants anew",
    ]);
  });

  it("describes a flag's name, tags and variants", () => {
    const after = {
      ...flag,
      name: "New checkout",
      tags: ["team:growth"],
      variants: [
        { id: 1, key: "baseline", name: "control", description: "", value: "old" },
        { id: 3, key: "bold", name: "bold", description: "", value: "BOLD" },
      ],
    };
    expect(describeChange({ action: "flag.updated", before: flag, after })).toEqual([
      'Name: "Checkout" → "New checkout"',
      "Added tags team:growth",
      "Removed tags team:pay",
      "Renamed variant control to baseline",
      'Added variant bold = "BOLD"',
      'Removed variant treatment = "new"',
    ]);
    const revalued = { ...flag, variants: [flag.variants[0], { ...flag.variants[1], value: "x" }] };
    expect(describeChange({ action: "flag.updated", before: flag, after: revalued })).toEqual([
      'Variant treatment: value "new" → "x"',
    ]);
  });

  it("words creation, archiving and deletion, and falls back to changed fields", () => {
    expect(describeChange({ action: "flag.created", before: null, after: flag })).toEqual([
      "Created the flag with variants control, treatment",
    ]);
    expect(
      describeChange({ action: "flag.archived", before: flag, after: { ...flag, archived: true } }),
    ).toEqual(["Archived the flag"]);
    expect(describeChange({ action: "flag.deleted", before: flag, after: null })).toEqual([
      "Deleted the flag",
    ]);
    expect(describeChange({ action: "experiment.started", before: {}, after: {} })).toEqual([
      "Started the experiment",
    ]);
    expect(
      describeChange({
        action: "environment.updated",
        before: { key: "prod", name: "Prod", production: false },
        after: { key: "prod", name: "Production", production: true },
      }),
    ).toEqual(['name: "Prod" → "Production"', "production: false → true"]);
    expect(describeChange({ action: "flag.state.updated", before: state, after: state })).toEqual([
      "No visible change",
    ]);
  });

  it("says what an environment's approvals became, and what a change request proposes", () => {
    const environment = { name: "Production", production: true };
    expect(
      describeChange({
        action: "environment.updated",
        before: { ...environment, approvals: { required: 0, approverRole: "editor" } },
        after: { ...environment, approvals: { required: 2, approverRole: "admin" } },
      }),
    ).toEqual(["Approvals: none → 2 (by admins or above)"]);
    expect(
      describeChange({
        action: "change-request.opened",
        before: state,
        after: { ...state, enabled: true },
      }),
    ).toEqual(["Turned on"]);
    expect(
      describeChange({ action: "change-request.approved", before: null, after: null }),
    ).toEqual(["Approved the change request"]);
  });
});
