import { FlagSyncFactory } from "@flagsync/node-sdk";
import type { EvaluationContext, Flag } from "@flagsync-oss/core";
import { startFlagSyncStub } from "@flagsync-oss/testkit";
import { type Peer, weigh } from "../peer.js";

type Client = ReturnType<ReturnType<typeof FlagSyncFactory>["client"]>;
type SdkContext = Parameters<Client["flag"]>[0];

/**
 * The official @flagsync/node-sdk@0.1.1, initialised over HTTP from a local rules endpoint.
 * It queues an impression on every flag() call and cannot be told not to. Each run gets a new
 * client (the old one is left unflushed, its queue held by its process listeners), so one run's
 * queue never slows the next.
 */
export async function flagSyncSdk(flags: readonly Flag[]): Promise<Peer> {
  const stub = await startFlagSyncStub(flags);
  const keys = flags.map((f) => f.key);
  const open = async (): Promise<Client> => {
    const client = FlagSyncFactory({
      sdkKey: "server-key",
      urls: { sdk: stub.url },
      sync: { type: "off" },
      tracking: {
        impressions: { maxQueueSize: 100_000_000, pushRate: 86_400 },
        events: { maxQueueSize: 50, pushRate: 86_400 },
      },
      logLevel: "NONE",
    }).client();
    await client.waitForReadyCanThrow();
    return client;
  };
  let client = await open();
  return {
    name: "@flagsync/node-sdk 0.1.1",
    canDisableImpressions: false,
    runAll(users) {
      let sum = 0;
      for (const user of users) {
        for (const key of keys) sum += weigh(client.flag(user as SdkContext, key));
      }
      return sum;
    },
    async beforeRun() {
      client = await open();
    },
    impressionCount: () => Number.NaN,
    valueFor: (key, user: EvaluationContext) => client.flag(user as SdkContext, key),
    async close() {
      await stub.close();
    },
  };
}
