import type { Flag } from "@flagsync-oss/core";
import { benchmarkFlags } from "@flagsync-oss/testkit";

/**
 * testkit's 200 benchmark flags (on/off, 50/50 rollouts, attribute rules then a three-way split,
 * semver and numeric rules), with every other rollout and targeted flag serving JSON instead:
 * booleans, strings, numbers and JSON.
 */
export function variedFlags(): Flag[] {
  return benchmarkFlags().map((flag, i): Flag => {
    if (i % 2 === 1 || !/^(rollout|targeted)-/.test(flag.key)) return flag;
    return {
      ...flag,
      key: `json-${flag.key}`,
      type: "json",
      variants: flag.variants.map((v) => ({
        ...v,
        value: { variant: v.key, weight: v.id / 4, tags: ["a", v.id], nested: { on: v.id === 1 } },
      })),
    };
  });
}
