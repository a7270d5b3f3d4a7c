import type { KeyGrant, SdkKeyRepository } from "./sdk-key-repository.js";
import { hashSecret } from "./secrets.js";

/** Bound on cached lookups, unknown keys included, so random keys cannot grow memory. */
const MAX_ENTRIES = 10_000;

/**
 * Resolves SDK keys without a database query per request. Unknown keys are cached too (a flood
 * of bad keys must not reach the database); any key change clears the cache.
 */
export class SdkKeyCache {
  private readonly grants = new Map<string, KeyGrant | null>();
  private readonly pending = new Map<string, Promise<KeyGrant | null>>();

  constructor(
    private readonly keys: SdkKeyRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** The grant of a working key, or undefined for unknown, revoked and expired keys. */
  async resolve(secret: string): Promise<KeyGrant | undefined> {
    if (secret.length === 0 || secret.length > 200) return undefined;
    const hash = hashSecret(secret);
    let grant = this.grants.get(hash);
    if (grant === undefined) {
      let lookup = this.pending.get(hash);
      if (!lookup) {
        lookup = this.keys.findGrant(hash).then((found) => found ?? null);
        this.pending.set(hash, lookup);
      }
      try {
        grant = await lookup;
      } finally {
        this.pending.delete(hash);
      }
      if (this.grants.size >= MAX_ENTRIES) this.grants.clear();
      this.grants.set(hash, grant);
    }
    if (grant === null) return undefined;
    if (grant.revokedAt !== null && grant.revokedAt <= new Date(this.now()).toISOString())
      return undefined;
    return grant;
  }

  clear(): void {
    this.grants.clear();
  }
}
