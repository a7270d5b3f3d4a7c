// The OpenFeature specification's gherkin features (copied to ./gherkin/) run with our provider
// against the real server, whose flags are the specification's test flags made through the
// admin API. Every scenario runs, except those that do not apply (NOT_APPLICABLE); those that
// differ by design (DIFFERENCES) must fail at the step named, so a change shows up either way.
// The README's "Conformance" section lists both, with the reasons.

import { fileURLToPath } from "node:url";
import type { Pickle } from "@cucumber/messages";
import { type Client, OpenFeature, ProviderEvents } from "@openfeature/server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../server/test/support/databases.js";
import type { TestServer } from "../../server/test/support/test-server.js";
import { FlagSyncProvider } from "../src/server/index.js";
import { makeConformanceFlags } from "./support/conformance-flags.js";
import { type ConformanceEnv, conformanceSteps, newWorld } from "./support/conformance-steps.js";
import { startProxiedServer } from "./support/fixtures.js";
import { loadPickles, runPickle } from "./support/gherkin.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

const FEATURES = [
  "evaluation.feature",
  "evaluation_v2.feature",
  "metadata.feature",
  "hooks.feature",
];

/** Picks scenarios: by name, and by a text in one of its steps (an example row). */
interface Known {
  scenario: string;
  step?: string;
  why: string;
}

const NOT_APPLICABLE: Known[] = [
  {
    scenario: "Provider in fatal state error",
    why: "the provider never reports PROVIDER_FATAL: sdk-node retries every failure and does not tell a refused SDK key from an unreachable server",
  },
  { scenario: "Provider status accessibility", step: "a fatal provider", why: "as above" },
  {
    scenario: "Flag metadata in evaluation details",
    why: "our flags hold no metadata of their own; flagMetadata carries variantId and ruleId",
  },
  { scenario: "Returns metadata", why: "as above" },
  {
    scenario: "CACHED reason",
    why: "a server provider evaluates locally on every call: no value is served from a cache",
  },
];

const STATIC =
  "we answer DEFAULT (on, no rule, no rollout), which OpenFeature defines as a value 'configured statically'; the scenarios expect STATIC, flagd's reason for a flag without targeting";

const DIFFERENCES: (Known & { failsAt: string })[] = [
  ...[
    "Resolves boolean details",
    "Resolves string details",
    "Resolves integer details",
    "Resolves float details",
    "Resolves object details",
    "Resolves zero value",
    "Complete evaluation details structure",
    "Structure flag evaluation",
  ].map((scenario) => ({ scenario, failsAt: 'reason should be "STATIC"', why: STATIC })),
  {
    scenario: "Passes evaluation details to after and finally hooks",
    failsAt: 'the "after, finally" hooks should be called with evaluation details',
    why: STATIC,
  },
  {
    scenario: "DISABLED reason",
    step: '"object-disabled-flag"',
    failsAt: "the resolved details value should be",
    why: "a flag that is off serves its off variant ({}), not the caller's default",
  },
  {
    scenario: "Returns no metadata",
    failsAt: "the resolved metadata is empty",
    why: "flagMetadata always carries the served variant's id",
  },
];

function matches(known: Known, pickle: Pickle): boolean {
  return (
    known.scenario === pickle.name &&
    (known.step === undefined || pickle.steps.some((s) => s.text.includes(known.step as string)))
  );
}

/** Each pickle with a name that tells apart the rows of an outline: the steps only it has. */
function named(pickles: readonly Pickle[]): { pickle: Pickle; name: string }[] {
  return pickles.map((pickle) => {
    const siblings = pickles.filter((p) => p.name === pickle.name);
    if (siblings.length === 1) return { pickle, name: pickle.name };
    const own = pickle.steps
      .map((s) => s.text)
      .filter((text) => !siblings.every((p) => p.steps.some((s) => s.text === text)));
    return { pickle, name: `${pickle.name} [${own.join("; ")}]` };
  });
}

describe.each(DIALECTS)("OpenFeature conformance on %s", (dialect) => {
  let server: TestServer;
  let proxy: TcpProxy;
  let stop: () => Promise<void>;
  const domain = `conformance-${dialect}`;
  let domains = 0;

  async function providerIn(state: string): Promise<{ client: Client; close(): Promise<void> }> {
    const own = `${domain}-${++domains}`;
    const client = OpenFeature.getClient(own);
    const sdkKey = server.keys.development?.server as string;
    if (state === "stale") {
      const cuttable = await startTcpProxy(server.url);
      const provider = new FlagSyncProvider({ sdkKey, baseUrl: cuttable.url });
      await OpenFeature.setProviderAndWait(own, provider);
      const stale = new Promise((resolve) => client.addHandler(ProviderEvents.Stale, resolve));
      cuttable.refuse(true);
      cuttable.cut();
      await stale;
      return {
        client,
        close: async () => {
          await provider.onClose();
          await cuttable.close();
        },
      };
    }
    // Nothing listens on port 9: the provider waits for a server that does not answer.
    const provider = new FlagSyncProvider({
      sdkKey,
      baseUrl: "http://127.0.0.1:9",
      readyTimeoutMs: state === "error" ? 50 : 60_000,
    });
    // It fails to start (error), or is closed while it starts (not ready): no one waits on it.
    const starting = OpenFeature.setProviderAndWait(own, provider).catch(() => {});
    if (state === "error") await starting;
    return { client, close: () => provider.onClose() };
  }

  const env: ConformanceEnv = {
    stableClient: () => OpenFeature.getClient(domain),
    provider: providerIn,
  };

  beforeAll(async () => {
    ({ server, proxy, stop } = await startProxiedServer(dialect));
    await makeConformanceFlags(server);
    await OpenFeature.setProviderAndWait(
      domain,
      new FlagSyncProvider({
        sdkKey: server.keys.development?.server as string,
        baseUrl: proxy.url,
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await OpenFeature.close();
    await stop?.();
  });

  const steps = conformanceSteps();
  for (const feature of FEATURES) {
    describe(feature, () => {
      for (const { pickle, name } of named(
        loadPickles(fileURLToPath(new URL(`gherkin/${feature}`, import.meta.url))),
      )) {
        if (NOT_APPLICABLE.some((known) => matches(known, pickle))) {
          it.skip(name, () => {});
          continue;
        }
        const difference = DIFFERENCES.find((known) => matches(known, pickle));
        it(name, async () => {
          const world = newWorld(env);
          const outcome = await runPickle(pickle, steps, world).finally(async () => {
            for (const close of world.cleanups) await close();
          });
          if (difference) {
            expect(outcome.status, JSON.stringify(outcome)).toBe("failed");
            expect(outcome.status === "failed" && outcome.step).toContain(difference.failsAt);
          } else if (outcome.status === "failed") throw outcome.error;
          else expect(outcome).toEqual({ status: "passed" });
        });
      }
    });
  }
});
