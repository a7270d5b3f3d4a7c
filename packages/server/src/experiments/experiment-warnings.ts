import type { FlagState } from "@flagsync-oss/core";

/** Something about a flag's state that keeps an experiment from measuring what it says. */
export interface ExperimentWarning {
  code: "flag_off" | "variant_not_randomised" | "split_differs";
  message: string;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * What the flag's state in the experiment's environment does to the experiment: only users the
 * rollout randomises belong in it, so a compared variant the rollout never assigns (one only a
 * targeting rule serves) gets no comparable users, a flag that is off randomises nobody, and an
 * expected split other than the rollout's makes the ratio check raise a false alarm.
 */
export function experimentWarnings(input: {
  flag: string;
  environment: string;
  state: FlagState | undefined;
  /** The baseline first, then the compared variants. */
  variants: { id: number; key: string }[];
  /** The expected share per variant id; empty when it will come from the rollout. */
  traffic: Record<number, number>;
}): ExperimentWarning[] {
  const { flag, environment, state, variants } = input;
  const warnings: ExperimentWarning[] = [];
  if (!state?.enabled) {
    warnings.push({
      code: "flag_off",
      message: `Flag "${flag}" is off in "${environment}": everyone gets its off variant, so nobody is randomised until it is turned on.`,
    });
  }
  // Who the rollout assigns: with no rollout, everyone no rule matches gets the on variant.
  const assigned = (id: number): number =>
    state === undefined
      ? 0
      : state.rollout.length === 0
        ? id === state.onVariantId
          ? 100
          : 0
        : state.rollout.filter((e) => e.variantId === id).reduce((sum, e) => sum + e.percentage, 0);
  const shares = variants.map((v) => assigned(v.id));
  variants.forEach((variant, i) => {
    if ((shares[i] ?? 0) > 0) return;
    const byRule = state?.rules.some((rule) => rule.variantId === variant.id) ?? false;
    warnings.push({
      code: "variant_not_randomised",
      message: `Variant "${variant.key}" is never assigned by flag "${flag}"'s rollout in "${environment}"${byRule ? " (only a targeting rule serves it)" : ""}: the experiment gets no randomised users of it. Compare only the variants the rollout splits, or add it to the rollout.`,
    });
  });
  const expected = variants.map((v) => input.traffic[v.id] ?? 0);
  const expectedTotal = expected.reduce((a, b) => a + b, 0);
  const actualTotal = shares.reduce((a, b) => a + b, 0);
  if (expectedTotal > 0 && actualTotal > 0 && shares.every((s) => s > 0)) {
    const differs = variants.some(
      (_, i) =>
        Math.abs((expected[i] ?? 0) / expectedTotal - (shares[i] ?? 0) / actualTotal) > 0.001,
    );
    if (differs) {
      const split = (values: number[], total: number) =>
        variants.map((v, i) => `${v.key} ${percent((values[i] ?? 0) / total)}`).join(", ");
      warnings.push({
        code: "split_differs",
        message: `The expected split (${split(expected, expectedTotal)}) differs from the rollout's (${split(shares, actualTotal)}): the sample ratio check would raise a false alarm. Leave traffic out to use the rollout's split.`,
      });
    }
  }
  return warnings;
}
