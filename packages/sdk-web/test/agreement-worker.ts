// Runs in a worker thread (agreement.test.ts bundles it): a few sdk-web clients identify the
// given users one after another, and each flag's value, variant, variant id, reason, rule and
// error code is compared with what packages/core evaluates from the server's rules (GET
// /sdk/rules) for that user.

import { parentPort, workerData } from "node:worker_threads";
import {
  type EvaluationContext,
  evaluate,
  type FeatureFlagEnvironmentDetailDto,
  fromFlagSyncDetail,
  type JsonValue,
} from "@flagsync-oss/core";
import { createClient } from "@flagsync-oss/sdk-web";

/** What the test gives a worker. */
export interface AgreementJob {
  baseUrl: string;
  clientKey: string;
  rules: Record<string, FeatureFlagEnvironmentDetailDto>;
  users: EvaluationContext[];
  /** Clients at once. */
  lanes: number;
}

/** What a worker answers. */
export interface AgreementResult {
  compared: number;
  /** How many differed, and the first few. */
  differing: number;
  differences: string[];
}

/** The JSON of core's values, by value object (core serves each variant's own). */
const jsonOfValue = new Map<JsonValue, string>();

/** Whether the served value is core's (`want`), compared as JSON. */
function sameJson(got: JsonValue, want: JsonValue): boolean {
  if (got === want) return true;
  if (typeof got !== "object" || typeof want !== "object" || got === null || want === null)
    return false;
  let json = jsonOfValue.get(want);
  if (json === undefined) {
    json = JSON.stringify(want);
    jsonOfValue.set(want, json);
  }
  return JSON.stringify(got) === json;
}

async function compare(job: AgreementJob): Promise<AgreementResult> {
  const flags = Object.values(job.rules).map(fromFlagSyncDetail);
  const result: AgreementResult = { compared: 0, differing: 0, differences: [] };
  const differ = (what: string) => {
    if (result.differing++ < 5) result.differences.push(what);
  };
  await Promise.all(
    Array.from({ length: job.lanes }, async (_, lane) => {
      const client = createClient({
        clientKey: job.clientKey,
        baseUrl: job.baseUrl,
        context: { key: `lane-${lane}` },
      });
      for (let i = lane; i < job.users.length; i += job.lanes) {
        const user = job.users[i] as EvaluationContext;
        if (!(await client.identify(user))) {
          differ(`${user.key}: no values from the server`);
          continue;
        }
        const served = client.allFlagDetails();
        if (Object.keys(served).length !== flags.length)
          differ(`${user.key}: ${Object.keys(served).length} flags served`);
        for (const flag of flags) {
          const want = evaluate(flag, user);
          const got = served[flag.key];
          if (
            !got ||
            got.variantId !== (want.variantId ?? null) ||
            got.variant !== (want.variantKey ?? null) ||
            got.reason !== want.reason ||
            got.ruleId !== (want.ruleId ?? null) ||
            got.errorCode !== (want.errorCode ?? null) ||
            !sameJson(got.value, want.variantId === undefined ? null : want.value)
          )
            differ(`${flag.key} for ${user.key}: ${JSON.stringify([got, want])}`);
          result.compared++;
        }
      }
      await client.close();
    }),
  );
  return result;
}

compare(workerData as AgreementJob).then(
  (result) => parentPort?.postMessage(result),
  (error: unknown) => {
    throw error;
  },
);
