// The FlagSync SDK wire model (rules payload of /sdk/rules and server streams). Field names are
// the protocol's; see the protocol document, section 4.4.

/** Variant data type codes of the wire model. */
export type DataTypeCode = "BOOL" | "STR" | "NUM" | "JSON";

/** One variant on the wire; only the field named by `dataTypeCode` carries the value. */
export interface VariantDto {
  variantId: number;
  dataTypeCode: DataTypeCode;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  booleanValue?: boolean | null;
  stringValue?: string | null;
  numberValue?: number | null;
  jsonValue?: unknown;
}

/** A flag's identity and variants on the wire. */
export interface FeatureFlagDto {
  featureFlagId: number;
  name: string;
  key: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  variants: VariantDto[];
}

/** One rollout slice on the wire. */
export interface PercentageRolloutEntryDto {
  variantId: number;
  percentage: number;
}

/** One clause value on the wire. */
export interface TargetingRuleClauseValueDto {
  targetingRuleClauseValueId: number;
  value: string;
}

/** One clause on the wire. */
export interface TargetingRuleClauseDto {
  targetingRuleClauseId: number;
  order: number;
  operator: string;
  attribute: string;
  customAttribute: { attributeId: number; name: string } | null;
  values: TargetingRuleClauseValueDto[];
  createdAt: string;
  updatedAt: string;
}

/** One targeting rule on the wire. SDKs evaluate rules in array order, not by `order`. */
export interface VariantEnvironmentTargetingRuleDto {
  variantEnvironmentTargetingRuleId: number;
  variantId: number;
  name: string;
  order: number;
  createdAt: string;
  updatedAt: string;
  clauses: TargetingRuleClauseDto[];
}

/** A flag's state in one environment on the wire. */
export interface FeatureFlagStateDto {
  featureFlagEnvironmentStateId: number;
  environmentId: number;
  isEnabled: boolean;
  createdAt: string;
  updatedAt: string;
  enabledSingleVariantId: number;
  disabledSingleVariantId: number;
  seed: string;
  percentageRollout: PercentageRolloutEntryDto[];
  targetingRules: VariantEnvironmentTargetingRuleDto[];
}

/** What `/sdk/rules` returns per flag key. */
export interface FeatureFlagEnvironmentDetailDto {
  organizationId: number;
  workspaceId: number;
  environmentId: number;
  featureFlag: FeatureFlagDto;
  state: FeatureFlagStateDto;
}
