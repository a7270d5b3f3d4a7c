import type { EvaluationContext, Flag } from "@flagsync-oss/core";
import { createClient, type FlagSyncClient } from "@flagsync-oss/sdk-node";
import { startFlagSyncStub } from "@flagsync-oss/testkit";
import { type Peer, weigh } from "../peer.js";

/**
 * Our @flagsync-oss/sdk-node, initialised over HTTP from the same local rules endpoint as the
 * FlagSync SDK, with impressions on (deduplicated per user, flag and variant, as it ships).
 * Nothing is sent during a run: the flush interval is a day.
 */
export async function sdkNode(flags: readonly Flag[]): Promise<Peer> {
  const stub = await startFlagSyncStub(flags);
  const keys = flags.map((f) => f.key);
  const open = async (): Promise<FlagSyncClient> => {
    const client = createClient({
      sdkKey: "server-key",
      baseUrl: stub.url,
      flushIntervalMs: 86_400_000,
      maxQueue: 100_000_000,
      batchSize: 100_000_000,
    });
    if (!(await client.ready(10_000))) throw new Error("sdk-node did not get the rules");
    return client;
  };
  let client = await open();
  return {
    name: "ours: @flagsync-oss/sdk-node 0.1.0",
    canDisableImpressions: false,
    runAll(users) {
      let sum = 0;
      for (const user of users) for (const key of keys) sum += weigh(client.flag(user, key, null));
      return sum;
    },
    async beforeRun() {
      await client.close().catch(() => {});
      client = await open();
    },
    impressionCount: () => Number.NaN,
    valueFor: (key, user: EvaluationContext) => client.flag(user, key, null),
    async close() {
      await stub.close();
    },
  };
}
