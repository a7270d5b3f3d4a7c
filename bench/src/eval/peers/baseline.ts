import { createHash } from "node:crypto";
import type { Flag, JsonValue } from "@flagsync-oss/core";
import { type Peer, weigh } from "../peer.js";

/**
 * Reference point, not a product: a map lookup per flag and one node:crypto SHA-256 per
 * rollout flag, ignoring rules. The least any SHA-256-bucketing evaluator must spend.
 */
export async function plainLookup(flags: readonly Flag[]): Promise<Peer> {
  const byKey = new Map(flags.map((f) => [f.key, f]));
  const keys = flags.map((f) => f.key);
  const variantValue = (flag: Flag, id: number): JsonValue =>
    flag.variants.find((v) => v.id === id)?.value ?? null;
  const serve = (key: string, userKey: string): JsonValue => {
    const flag = byKey.get(key);
    if (!flag) return null;
    const { state } = flag;
    if (!state.enabled) return variantValue(flag, state.offVariantId);
    if (state.rollout.length === 0) return variantValue(flag, state.onVariantId);
    const hex = createHash("sha256")
      .update(userKey + state.seed)
      .digest("hex");
    const bucket = Number.parseInt(hex.slice(0, 12), 16) % 100;
    let upTo = 0;
    for (const slice of state.rollout) {
      upTo += slice.percentage;
      if (bucket < upTo) return variantValue(flag, slice.variantId);
    }
    return variantValue(flag, state.offVariantId);
  };
  return {
    name: "baseline: Map lookup + node:crypto SHA-256 per rollout",
    canDisableImpressions: true,
    runAll(users) {
      let sum = 0;
      for (const user of users) for (const key of keys) sum += weigh(serve(key, user.key));
      return sum;
    },
    beforeRun: () => {},
    impressionCount: () => 0,
    valueFor: (key, user) => serve(key, user.key),
    close: async () => {},
  };
}
