import { sha256Prefix48Of2 } from "./sha256.js";

/**
 * Returns the first 48 bits of SHA-256(UTF-8(key + seed)) as an integer. Core's own
 * implementation is the default; a host may supply a native one (see `nodeHash48` in the server).
 */
export type Hash48 = (key: string, seed: string) => number;

/** The built-in synchronous SHA-256 prefix, usable in every runtime. */
export const defaultHash48: Hash48 = sha256Prefix48Of2;

/** Number of buckets a rollout is divided into; percentages are compared against bucket numbers. */
export const BUCKET_COUNT = 100;

/**
 * The rollout bucket (0–99) of a context key under a seed, identical to the FlagSync SDKs:
 * `parseInt(sha256_hex(key + seed).slice(0, 12), 16) % 100`. The flag key is not part of the
 * input, so flags sharing a seed bucket users alike.
 *
 * @example bucketFor("user-1", "a1b2c3") // 38
 */
export function bucketFor(key: string, seed: string, hash: Hash48 = defaultHash48): number {
  return hash(key, seed) % BUCKET_COUNT;
}
