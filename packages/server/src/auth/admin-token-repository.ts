import type { Kysely } from "kysely";
import { nowIso } from "../storage/dialects.js";
import type { Tables } from "../storage/tables.js";
import { generateSecret, hashSecret, secretHint } from "./secrets.js";

/** An admin API token's identity, as an audit actor. */
export interface AdminIdentity {
  tokenId: number;
  name: string;
}

/** Admin API tokens, stored as SHA-256 hashes. */
export class AdminTokenRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Stores a token; generates one when `secret` is not given. Returns the secret. */
  async create(name: string, secret: string = generateSecret("admin")): Promise<string> {
    await this.db
      .insertInto("admin_tokens")
      .values({
        name,
        token_hash: hashSecret(secret),
        token_hint: secretHint(secret),
        created_at: nowIso(),
        revoked_at: null,
      })
      .onConflict((oc) => oc.column("token_hash").doNothing())
      .execute();
    return secret;
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom("admin_tokens")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("revoked_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async identify(secret: string): Promise<AdminIdentity | undefined> {
    const row = await this.db
      .selectFrom("admin_tokens")
      .select(["id", "name"])
      .where("token_hash", "=", hashSecret(secret))
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return row ? { tokenId: row.id, name: row.name } : undefined;
  }
}
