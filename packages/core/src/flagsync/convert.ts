import type { JsonValue } from "../json.js";
import type { Attribute, Flag, FlagType, Operator } from "../types.js";
import type { DataTypeCode, FeatureFlagEnvironmentDetailDto, VariantDto } from "./dto.js";

const CODE_OF_TYPE: Record<FlagType, DataTypeCode> = {
  boolean: "BOOL",
  string: "STR",
  number: "NUM",
  json: "JSON",
};

const TYPE_OF_CODE: Record<string, FlagType | undefined> = {
  BOOL: "boolean",
  STR: "string",
  NUM: "number",
  JSON: "json",
};

/** Identifiers and times the wire model carries but evaluation does not use. */
export interface DetailMeta {
  organizationId: number;
  workspaceId: number;
  environmentId: number;
  flagId: number;
  stateId: number;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** Clause attribute ids by custom attribute name; absent names get 0. */
  attributeIds?: ReadonlyMap<string, number>;
}

/** The served value of a wire variant, read the way the SDKs read it (by data type code). */
export function valueOfVariantDto(variant: VariantDto): JsonValue {
  switch (variant.dataTypeCode) {
    case "BOOL":
      return variant.booleanValue ?? null;
    case "STR":
      return variant.stringValue ?? null;
    case "NUM":
      return variant.numberValue ?? null;
    case "JSON":
      return (variant.jsonValue ?? null) as JsonValue;
    default:
      return null;
  }
}

/**
 * Builds the FlagSync rules payload entry for a flag. Rules and clauses keep their array order,
 * which is the order every SDK evaluates them in; clause values get sequential ids.
 */
export function toFlagSyncDetail(flag: Flag, meta: DetailMeta): FeatureFlagEnvironmentDetailDto {
  const code = CODE_OF_TYPE[flag.type];
  const times = { createdAt: meta.createdAt, updatedAt: meta.updatedAt };
  let clauseId = 0;
  let valueId = 0;
  return {
    organizationId: meta.organizationId,
    workspaceId: meta.workspaceId,
    environmentId: meta.environmentId,
    featureFlag: {
      featureFlagId: meta.flagId,
      name: meta.name,
      key: flag.key,
      description: meta.description,
      ...times,
      variants: flag.variants.map((variant) => ({
        variantId: variant.id,
        dataTypeCode: code,
        name: variant.name ?? variant.key,
        description: variant.description ?? "",
        ...times,
        booleanValue: code === "BOOL" ? (variant.value as boolean) : null,
        stringValue: code === "STR" ? (variant.value as string) : null,
        numberValue: code === "NUM" ? (variant.value as number) : null,
        jsonValue: code === "JSON" ? variant.value : null,
      })),
    },
    state: {
      featureFlagEnvironmentStateId: meta.stateId,
      environmentId: meta.environmentId,
      isEnabled: flag.state.enabled,
      ...times,
      enabledSingleVariantId: flag.state.onVariantId,
      disabledSingleVariantId: flag.state.offVariantId,
      seed: flag.state.seed,
      percentageRollout: flag.state.rollout.map((e) => ({
        variantId: e.variantId,
        percentage: e.percentage,
      })),
      targetingRules: flag.state.rules.map((rule, ruleIndex) => ({
        variantEnvironmentTargetingRuleId: rule.id,
        variantId: rule.variantId,
        name: rule.name ?? `Rule ${ruleIndex + 1}`,
        order: ruleIndex,
        ...times,
        clauses: rule.clauses.map((clause, clauseIndex) => ({
          targetingRuleClauseId: ++clauseId,
          order: clauseIndex,
          operator: clause.operator,
          attribute: clause.attribute,
          customAttribute:
            clause.attribute === "CUSTOM" && clause.customAttribute
              ? {
                  attributeId: meta.attributeIds?.get(clause.customAttribute) ?? 0,
                  name: clause.customAttribute,
                }
              : null,
          values: clause.values.map((value) => ({ targetingRuleClauseValueId: ++valueId, value })),
          ...times,
        })),
      })),
    },
  };
}

/**
 * Reads a FlagSync rules payload entry into core's model. Unknown operators and attributes are
 * kept as they are (they never match), so evaluation agrees with the SDKs.
 */
export function fromFlagSyncDetail(detail: FeatureFlagEnvironmentDetailDto): Flag {
  const variants = detail.featureFlag.variants;
  const type = TYPE_OF_CODE[variants[0]?.dataTypeCode ?? ""] ?? "json";
  return {
    key: detail.featureFlag.key,
    type,
    variants: variants.map((variant) => ({
      id: variant.variantId,
      key: variant.name || String(variant.variantId),
      value: valueOfVariantDto(variant),
    })),
    state: {
      enabled: Boolean(detail.state.isEnabled),
      offVariantId: detail.state.disabledSingleVariantId,
      onVariantId: detail.state.enabledSingleVariantId,
      seed: detail.state.seed,
      rollout: detail.state.percentageRollout.map((e) => ({
        variantId: e.variantId,
        percentage: e.percentage,
      })),
      rules: detail.state.targetingRules.map((rule) => ({
        id: rule.variantEnvironmentTargetingRuleId,
        name: rule.name,
        variantId: rule.variantId,
        clauses: rule.clauses.map((clause) => ({
          attribute: clause.attribute as Attribute,
          customAttribute: clause.customAttribute?.name ?? null,
          operator: clause.operator as Operator,
          values: clause.values.map((v) => v.value),
        })),
      })),
    },
  };
}
