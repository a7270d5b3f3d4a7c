import { evaluate, type Flag, type Hash48, ImpressionQueue } from "@flagsync-oss/core";
import { type Peer, weigh } from "../peer.js";

/** Our core engine, evaluating flags held in memory; optionally with a host-supplied hash. */
export function ours(name: string, hash?: Hash48) {
  return async (flags: readonly Flag[]): Promise<Peer> => {
    const byKey = new Map(flags.map((f) => [f.key, f]));
    const options = hash ? { hash } : undefined;
    let queue = new ImpressionQueue(4_000_000);
    return {
      name,
      canDisableImpressions: true,
      runAll(users, impressions) {
        let sum = 0;
        for (const user of users) {
          for (const flag of flags) {
            const result = evaluate(flag, user, options);
            if (impressions) {
              queue.push(flag.key, result.variantId, user.key, Date.now());
            }
            sum += weigh(result.value);
          }
        }
        return sum;
      },
      beforeRun: () => {
        queue = new ImpressionQueue(4_000_000);
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
