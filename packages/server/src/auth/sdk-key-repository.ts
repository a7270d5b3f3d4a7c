import type { Kysely, Selectable } from "kysely";
import { nowIso } from "../storage/dialects.js";
import type { SdkKeysTable, Tables } from "../storage/tables.js";
import { generateSecret, hashSecret, secretHint } from "./secrets.js";

/** Server keys reach the server-side SDK endpoints; client keys the browser ones. */
export type SdkKeyKind = "server" | "client";

/** An SDK key as listed: never the secret, only its hint. */
export interface SdkKey {
  id: number;
  environmentId: number;
  kind: SdkKeyKind;
  name: string;
  hint: string;
  createdAt: string;
  revokedAt: string | null;
}

/** What a key lookup on the SDK path needs. */
export interface KeyGrant {
  keyId: number;
  environmentId: number;
  kind: SdkKeyKind;
  /** When the key stops working (ISO), or null. */
  revokedAt: string | null;
}

const toKey = (row: Selectable<SdkKeysTable>): SdkKey => ({
  id: row.id,
  environmentId: row.environment_id,
  kind: row.kind,
  name: row.name,
  hint: row.key_hint,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** Stores SDK keys as SHA-256 hashes; the secret exists only in the response that creates it. */
export class SdkKeyRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async create(
    environmentId: number,
    kind: SdkKeyKind,
    name: string,
    db: Kysely<Tables> = this.db,
  ): Promise<{ key: SdkKey; secret: string }> {
    const secret = generateSecret(kind);
    const row = await db
      .insertInto("sdk_keys")
      .values({
        environment_id: environmentId,
        kind,
        name,
        key_hash: hashSecret(secret),
        key_hint: secretHint(secret),
        created_at: nowIso(),
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { key: toKey(row), secret };
  }

  async list(environmentId: number): Promise<SdkKey[]> {
    const rows = await this.db
      .selectFrom("sdk_keys")
      .selectAll()
      .where("environment_id", "=", environmentId)
      .orderBy("id")
      .execute();
    return rows.map(toKey);
  }

  async get(environmentId: number, id: number): Promise<SdkKey | undefined> {
    const row = await this.db
      .selectFrom("sdk_keys")
      .selectAll()
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toKey(row) : undefined;
  }

  /** Sets when a key stops working; the earlier of an existing and a new time wins. */
  async revoke(id: number, at: string, db: Kysely<Tables> = this.db): Promise<void> {
    const row = await db
      .selectFrom("sdk_keys")
      .select("revoked_at")
      .where("id", "=", id)
      .executeTakeFirst();
    if (row?.revoked_at && row.revoked_at <= at) return;
    await db.updateTable("sdk_keys").set({ revoked_at: at }).where("id", "=", id).execute();
  }

  /** Which of these keys still work now (not revoked, or revoked for a later time). */
  async activeIds(ids: readonly number[], now: string): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom("sdk_keys")
      .select("id")
      .where("id", "in", [...ids])
      .where((eb) => eb.or([eb("revoked_at", "is", null), eb("revoked_at", ">", now)]))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async findGrant(keyHash: string): Promise<KeyGrant | undefined> {
    const row = await this.db
      .selectFrom("sdk_keys")
      .select(["id", "environment_id", "kind", "revoked_at"])
      .where("key_hash", "=", keyHash)
      .executeTakeFirst();
    return row
      ? {
          keyId: row.id,
          environmentId: row.environment_id,
          kind: row.kind,
          revokedAt: row.revoked_at,
        }
      : undefined;
  }
}
