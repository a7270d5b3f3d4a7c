import type { KeyGrant, SdkKeyRepository } from "./sdk-key-repository.js";
import { hashSecret } from "./secrets.js";

/** Bound on cached keys that exist; there are only as many as admins created. */
const MAX_GRANTS = 10_000;
/** Bound on cached unknown keys; a flood of random keys evicts only other unknown keys. */
const MAX_UNKNOWN = 10_000;
/** How long an unknown key is remembered: long enough to spare the database a repeated bad key. */
const UNKNOWN_TTL_MS = 30_000;

/**
 * Resolves SDK keys without a database query per request. Keys that exist are kept until a key
 * or environment changes; unknown keys are kept apart, for a short time and in bounded number,
 * so random keys can neither grow memory nor push out the keys in use.
 */
export class SdkKeyCache {
  private readonly grants = new Map<string, KeyGrant>();
  /** Hash of an unknown key → when to look it up again (epoch ms); oldest first. */
  private readonly unknown = new Map<string, number>();
  private readonly pending = new Map<string, Promise<KeyGrant | null>>();
  /** Bumped by clear(): a lookup that started before a change must not cache its answer. */
  private generation = 0;

  constructor(
    private readonly keys: SdkKeyRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** The grant of a working key, or undefined for unknown, revoked and expired keys. */
  async resolve(secret: string): Promise<KeyGrant | undefined> {
    if (secret.length === 0 || secret.length > 200) return undefined;
    const hash = hashSecret(secret);
    const grant = this.grants.get(hash) ?? (await this.lookUp(hash));
    if (!grant) return undefined;
    if (grant.revokedAt !== null && grant.revokedAt <= new Date(this.now()).toISOString())
      return undefined;
    return grant;
  }

  /** A working key's grant from memory only (no database query), or undefined. */
  cached(secret: string): KeyGrant | undefined {
    if (secret.length === 0 || secret.length > 200) return undefined;
    const grant = this.grants.get(hashSecret(secret));
    if (!grant) return undefined;
    if (grant.revokedAt !== null && grant.revokedAt <= new Date(this.now()).toISOString())
      return undefined;
    return grant;
  }

  clear(): void {
    this.generation++;
    this.grants.clear();
    this.unknown.clear();
  }

  private async lookUp(hash: string): Promise<KeyGrant | null> {
    const until = this.unknown.get(hash);
    if (until !== undefined) {
      if (until > this.now()) return null;
      this.unknown.delete(hash);
    }
    let lookup = this.pending.get(hash);
    if (!lookup) {
      const generation = this.generation;
      lookup = this.keys
        .findGrant(hash)
        .then((found) => {
          if (generation === this.generation) this.remember(hash, found);
          return found ?? null;
        })
        .finally(() => this.pending.delete(hash));
      this.pending.set(hash, lookup);
    }
    return lookup;
  }

  private remember(hash: string, grant: KeyGrant | undefined): void {
    if (grant) {
      if (this.grants.size >= MAX_GRANTS)
        this.grants.delete(this.grants.keys().next().value as string);
      this.grants.set(hash, grant);
      return;
    }
    // Insertion order is expiry order (one TTL for all), so the first entries go first.
    const now = this.now();
    for (const [oldest, until] of this.unknown) {
      if (until > now && this.unknown.size < MAX_UNKNOWN) break;
      this.unknown.delete(oldest);
    }
    this.unknown.set(hash, now + UNKNOWN_TTL_MS);
  }
}
