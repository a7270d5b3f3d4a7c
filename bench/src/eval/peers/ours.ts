import { evaluate, type Flag, type Hash48 } from "@flagsync-oss/core";
import { type Peer, weigh } from "../peer.js";

/** What our SDKs queue per evaluation when impressions are on. */
interface Impression {
  flagKey: string;
  variantId: number | undefined;
  userKey: string;
  at: number;
}

/** Our core engine, evaluating flags held in memory; optionally with a host-supplied hash. */
export function ours(name: string, hash?: Hash48) {
  return async (flags: readonly Flag[]): Promise<Peer> => {
    const byKey = new Map(flags.map((f) => [f.key, f]));
    const options = hash ? { hash } : undefined;
    let queue: Impression[] = [];
    return {
      name,
      canDisableImpressions: true,
      runAll(users, impressions) {
        let sum = 0;
        for (const user of users) {
          for (const flag of flags) {
            const result = evaluate(flag, user, options);
            if (impressions) {
              queue.push({
                flagKey: flag.key,
                variantId: result.variantId,
                userKey: user.key,
                at: Date.now(),
              });
            }
            sum += weigh(result.value);
          }
        }
        return sum;
      },
      beforeRun: () => {
        queue = [];
      },
      impressionCount: () => queue.length,
      valueFor: (key, user) => {
        const flag = byKey.get(key);
        return flag ? evaluate(flag, user, options).value : undefined;
      },
      close: async () => {},
    };
  };
}
