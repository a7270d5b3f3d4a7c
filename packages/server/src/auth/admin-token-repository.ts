import type { Kysely, Selectable } from "kysely";
import { nowIso } from "../storage/dialects.js";
import type { AdminTokensTable, Tables } from "../storage/tables.js";
import { generateSecret, hashSecret, secretHint } from "./secrets.js";

/** A working admin token: its owner (personal), its workspace and role (service), its scope. */
export interface TokenIdentity {
  id: number;
  name: string;
  userId: number | null;
  workspaceId: number | null;
  role: string | null;
  scope: string | null;
}

/** An admin token as listed: never the secret, only its hint. */
export interface AdminToken {
  id: number;
  name: string;
  hint: string;
  createdAt: string;
  revokedAt: string | null;
  /** A personal token's owner; a service token's workspace and role; none: an instance token. */
  userId: number | null;
  workspaceId: number | null;
  role: string | null;
  scope: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** What a token may do beyond its name: see AdminToken. */
export interface TokenGrant {
  userId?: number | null;
  workspaceId?: number | null;
  role?: string | null;
  scope?: string | null;
  expiresAt?: string | null;
}

const toToken = (row: Selectable<AdminTokensTable>): AdminToken => ({
  id: row.id,
  name: row.name,
  hint: row.token_hint,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
  userId: row.user_id,
  workspaceId: row.workspace_id,
  role: row.role,
  scope: row.scope ?? "admin",
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
});

/** Admin API tokens, stored as SHA-256 hashes. */
export class AdminTokenRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /**
   * Stores a token; generates one when `secret` is not given. Returns the token and its secret,
   * or no token when a token with this secret was stored before (revoked or not).
   */
  async create(
    name: string,
    secret: string = generateSecret("admin"),
    db: Kysely<Tables> = this.db,
    grant: TokenGrant = {},
  ): Promise<{ token: AdminToken | undefined; secret: string }> {
    const row = await db
      .insertInto("admin_tokens")
      .values({
        name,
        token_hash: hashSecret(secret),
        token_hint: secretHint(secret),
        created_at: nowIso(),
        revoked_at: null,
        user_id: grant.userId ?? null,
        workspace_id: grant.workspaceId ?? null,
        role: grant.role ?? null,
        scope: grant.scope ?? null,
        expires_at: grant.expiresAt ?? null,
      })
      .onConflict((oc) => oc.column("token_hash").doNothing())
      .returningAll()
      .executeTakeFirst();
    return { token: row ? toToken(row) : undefined, secret };
  }

  async count(db: Kysely<Tables> = this.db): Promise<number> {
    const row = await db
      .selectFrom("admin_tokens")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("revoked_at", "is", null)
      .where("user_id", "is", null)
      .where("role", "is", null)
      .where((eb) =>
        eb.or([eb("expires_at", "is", null), eb("expires_at", ">", new Date().toISOString())]),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every token that is not a personal one (instance and service tokens). */
  async list(): Promise<AdminToken[]> {
    const rows = await this.db
      .selectFrom("admin_tokens")
      .selectAll()
      .where("user_id", "is", null)
      .orderBy("id")
      .execute();
    return rows.map(toToken);
  }

  /** A user's personal tokens. */
  async listOf(userId: number): Promise<AdminToken[]> {
    const rows = await this.db
      .selectFrom("admin_tokens")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("id")
      .execute();
    return rows.map(toToken);
  }

  async get(id: number, db: Kysely<Tables> = this.db): Promise<AdminToken | undefined> {
    const row = await db
      .selectFrom("admin_tokens")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toToken(row) : undefined;
  }

  /** Working tokens of this name whose secret is not `secret`. */
  async othersNamed(
    name: string,
    secret: string,
    db: Kysely<Tables> = this.db,
  ): Promise<AdminToken[]> {
    const rows = await db
      .selectFrom("admin_tokens")
      .selectAll()
      .where("name", "=", name)
      .where("token_hash", "!=", hashSecret(secret))
      .where("revoked_at", "is", null)
      .execute();
    return rows.map(toToken);
  }

  /**
   * Stores the hint of a token again, in today's form: hints stored by earlier versions showed
   * more of the secret, and more still of a configured token with an underscore in it.
   */
  async rehint(secret: string, db: Kysely<Tables> = this.db): Promise<void> {
    await db
      .updateTable("admin_tokens")
      .set({ token_hint: secretHint(secret) })
      .where("token_hash", "=", hashSecret(secret))
      .execute();
  }

  /**
   * Locks the working tokens until the transaction ends (a no-op update, which both databases
   * lock rows for): two revocations at once then cannot both see the other's token working.
   */
  async lockWorking(db: Kysely<Tables>): Promise<void> {
    await db
      .updateTable("admin_tokens")
      .set((eb) => ({ revoked_at: eb.ref("revoked_at") }))
      .where("revoked_at", "is", null)
      .execute();
  }

  async revoke(id: number, at: string, db: Kysely<Tables> = this.db): Promise<void> {
    await db
      .updateTable("admin_tokens")
      .set({ revoked_at: at })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .execute();
  }

  /**
   * The working token of a secret (not revoked, not expired); its last use is noted at most
   * once a minute.
   */
  async identify(secret: string, now = Date.now()): Promise<TokenIdentity | undefined> {
    const row = await this.db
      .selectFrom("admin_tokens")
      .selectAll()
      .where("token_hash", "=", hashSecret(secret))
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (!row || (row.expires_at !== null && Date.parse(row.expires_at) <= now)) return undefined;
    if (row.last_used_at === null || now - Date.parse(row.last_used_at) > 60_000)
      await this.db
        .updateTable("admin_tokens")
        .set({ last_used_at: new Date(now).toISOString() })
        .where("id", "=", row.id)
        .execute();
    return {
      id: row.id,
      name: row.name,
      userId: row.user_id,
      workspaceId: row.workspace_id,
      role: row.role,
      scope: row.scope,
    };
  }
}
