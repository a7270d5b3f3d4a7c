import type { EvaluationContext } from "@flagsync-oss/core";
import { createRandom } from "./random.js";

export const DOMAINS = ["corp.com", "example.com", "gmail.com", "flagsync.com", "acme.io"] as const;
export const PLANS = ["free", "pro", "team", "enterprise"] as const;
export const COUNTRIES = ["US", "DE", "FR", "JP", "BR", "IN", "GB"] as const;
export const CHANNELS = ["stable", "beta", "public-beta-2", "nightly", "canary-7"] as const;
const VERSIONS = [
  "1.0.0",
  "1.2.3",
  "1.10.0",
  "2",
  "2.0.0",
  "2.1",
  "3.0.1",
  "1.2.3-beta",
  "v1.2.3",
  "",
  "10.4.2",
  "0.9.9",
];
const WEIGHTS = ["10.5kg", "heavy", "9", "12.25", "-3", "1e2", "0x10"];
const KEY_PREFIXES = ["user-", "admin-", "visitor-", "Ünïcødé-", "日本-", "svc_"];

/**
 * Generates users with the attributes targeting rules read: email, plan, country, channel,
 * app version, weight (string), age (number), tier. Deterministic for a given seed.
 */
export function generateUsers(count: number, seed = 1): EvaluationContext[] {
  const random = createRandom(seed);
  const users: EvaluationContext[] = [];
  for (let i = 0; i < count; i++) {
    const key = `${random.pick(KEY_PREFIXES)}${i}-${random.int(0, 1e6).toString(36)}`;
    const attributes: Record<string, unknown> = {
      email: `${key.toLowerCase()}@${random.pick(DOMAINS)}`,
      plan: random.pick(PLANS),
      country: random.pick(COUNTRIES),
      channel: random.pick(CHANNELS),
      version: random.pick(VERSIONS),
      weight: random.pick(WEIGHTS),
      age: random.int(12, 90),
      tier: random.pick(["gold", "silver", "bronze"]),
    };
    // Some users lack attributes, which must never match (not even negated operators).
    if (random.chance(0.1)) delete attributes.plan;
    if (random.chance(0.05)) delete attributes.email;
    if (random.chance(0.05)) attributes.country = null;
    users.push({ key, attributes });
  }
  return users;
}
