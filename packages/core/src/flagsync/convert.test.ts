import { describe, expect, it } from "vitest";
import rules from "../../../../fixtures/evaluation/02-targeting-rules.json" with { type: "json" };
import { evaluate } from "../evaluate.js";
import type { Flag } from "../types.js";
import { fromFlagSyncDetail, toFlagSyncDetail } from "./convert.js";

const meta = {
  organizationId: 1,
  workspaceId: 2,
  environmentId: 3,
  flagId: 4,
  stateId: 5,
  name: "Name",
  description: "",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("FlagSync wire model", () => {
  it("writes every field the SDKs read, with arrays never null", () => {
    const flag = rules.cases[17]?.flag as Flag;
    const detail = toFlagSyncDetail(flag, meta);
    expect(detail.state).toMatchObject({
      isEnabled: true,
      enabledSingleVariantId: 2,
      disabledSingleVariantId: 3,
      seed: "s",
      percentageRollout: [],
    });
    expect(detail.featureFlag.variants[0]).toMatchObject({
      variantId: 1,
      dataTypeCode: "STR",
      stringValue: "HIT",
    });
    const clause = detail.state.targetingRules[0]?.clauses[1];
    expect(clause).toMatchObject({
      attribute: "CUSTOM",
      operator: "IOO",
      customAttribute: { name: "tier" },
    });
    expect(clause?.values.map((v) => v.value)).toEqual(["gold"]);
  });

  it.each(rules.cases)("round-trips $id without changing its evaluation", ({ flag, context }) => {
    const back = fromFlagSyncDetail(toFlagSyncDetail(flag as Flag, meta));
    expect(evaluate(back, context)).toEqual(evaluate(flag as Flag, context));
  });

  it("reads each variant by its own data type code, as the SDKs do", () => {
    const detail = toFlagSyncDetail(
      {
        key: "mixed",
        type: "number",
        variants: [{ id: 1, key: "one", value: 1 }],
        state: { enabled: true, offVariantId: 1, onVariantId: 1, seed: "", rollout: [], rules: [] },
      },
      meta,
    );
    const [first] = detail.featureFlag.variants;
    if (!first) throw new Error("no variant written");
    detail.featureFlag.variants.push({
      ...first,
      variantId: 2,
      dataTypeCode: "BOOL",
      booleanValue: false,
    });
    detail.featureFlag.variants.push({
      ...first,
      variantId: 3,
      dataTypeCode: "DATE" as "BOOL",
    });
    const flag = fromFlagSyncDetail(detail);
    expect(flag.variants.map((v) => v.value)).toEqual([1, false, null]);
  });
});
