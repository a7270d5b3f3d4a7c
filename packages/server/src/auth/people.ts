import { randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { fromJson, nowIso, toJson } from "../storage/dialects.js";
import type { InvitationsTable, MembershipsTable, Tables, UsersTable } from "../storage/tables.js";
import type { Role } from "./access.js";
import { hashSecret } from "./secrets.js";

/** A person as the API shows them: never the password hash. */
export interface User {
  id: number;
  email: string;
  name: string;
  instanceAdmin: boolean;
  active: boolean;
  createdAt: string;
}

/** A user's role in a workspace; `environments`: the only ones an editor may change (null: all). */
export interface Membership {
  workspaceId: number;
  userId: number;
  role: Role;
  environments: string[] | null;
}

/** An invitation as listed: never its token. */
export interface Invitation {
  id: number;
  workspaceId: number | null;
  role: Role | null;
  environments: string[] | null;
  instanceAdmin: boolean;
  email: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** A session as its user sees it listed: never its secret. */
export interface SessionInfo {
  id: number;
  address: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** How long a session lasts at most, and without use. */
export const SESSION_MS = { absolute: 7 * 24 * 3_600_000, idle: 12 * 3_600_000 } as const;

const toInvitation = (row: Selectable<InvitationsTable>): Invitation => ({
  id: row.id,
  workspaceId: row.workspace_id,
  role: row.role as Role | null,
  environments: row.environments === null ? null : fromJson<string[]>(row.environments),
  instanceAdmin: row.instance_admin === 1,
  email: row.email,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
});

const toMembership = (row: Selectable<MembershipsTable>): Membership => ({
  workspaceId: row.workspace_id,
  userId: row.user_id,
  role: row.role as Role,
  environments: row.environments === null ? null : fromJson<string[]>(row.environments),
});

const toUser = (row: Selectable<UsersTable>): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  instanceAdmin: row.instance_admin === 1,
  active: row.deactivated_at === null,
  createdAt: row.created_at,
});

/** Emails compare without case. */
export const normalEmail = (email: string): string => email.trim().toLowerCase();

/** Users, their memberships and their sessions. */
export class People {
  constructor(private readonly db: Kysely<Tables>) {}

  async create(
    fields: { email: string; name: string; passwordHash: string | null; instanceAdmin: boolean },
    db = this.db,
  ): Promise<User> {
    const row = await db
      .insertInto("users")
      .values({
        email: normalEmail(fields.email),
        name: fields.name,
        password_hash: fields.passwordHash,
        instance_admin: fields.instanceAdmin ? 1 : 0,
        deactivated_at: null,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  }

  async list(): Promise<User[]> {
    return (await this.db.selectFrom("users").selectAll().orderBy("id").execute()).map(toUser);
  }

  async get(id: number, db = this.db): Promise<User | undefined> {
    const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  /** A user by email, with the password hash (for signing in only). */
  async withPassword(
    email: string,
  ): Promise<{ user: User; passwordHash: string | null } | undefined> {
    const row = await this.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", normalEmail(email))
      .executeTakeFirst();
    return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
  }

  async setPassword(userId: number, passwordHash: string): Promise<void> {
    await this.db
      .updateTable("users")
      .set({ password_hash: passwordHash })
      .where("id", "=", userId)
      .execute();
  }

  /** Deactivates a user: their sessions end and their personal tokens stop at once. */
  async deactivate(userId: number, db = this.db): Promise<void> {
    const at = nowIso();
    await db.updateTable("users").set({ deactivated_at: at }).where("id", "=", userId).execute();
    await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await db
      .updateTable("admin_tokens")
      .set({ revoked_at: at })
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .execute();
  }

  async membership(workspaceId: number, userId: number): Promise<Membership | undefined> {
    const row = await this.db
      .selectFrom("memberships")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row && toMembership(row);
  }

  async members(workspaceId: number): Promise<(Membership & { user: User })[]> {
    const rows = await this.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .selectAll("users")
      .select(["memberships.role", "memberships.environments"])
      .where("memberships.workspace_id", "=", workspaceId)
      .orderBy("users.email")
      .execute();
    return rows.map((row) => ({
      workspaceId,
      userId: row.id,
      role: row.role as Role,
      environments: row.environments === null ? null : fromJson<string[]>(row.environments),
      user: toUser(row),
    }));
  }

  /** A user's memberships, one per workspace they belong to. */
  async membershipsOf(userId: number): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom("memberships")
      .selectAll()
      .where("user_id", "=", userId)
      .execute();
    return rows.map(toMembership);
  }

  async setMembership(membership: Membership, db = this.db): Promise<void> {
    const values = {
      role: membership.role,
      environments: membership.environments === null ? null : toJson(membership.environments),
    };
    await db
      .insertInto("memberships")
      .values({
        workspace_id: membership.workspaceId,
        user_id: membership.userId,
        created_at: nowIso(),
        ...values,
      })
      .onConflict((oc) => oc.columns(["workspace_id", "user_id"]).doUpdateSet(values))
      .execute();
  }

  async removeMembership(workspaceId: number, userId: number): Promise<void> {
    await this.db
      .deleteFrom("memberships")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .execute();
  }

  /** A new session of a user: the cookie's secret (returned once, stored hashed) and its CSRF token. */
  async openSession(
    userId: number,
    from: { address: string; userAgent: string | undefined },
    now = Date.now(),
  ): Promise<{ secret: string; csrfToken: string }> {
    const secret = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(24).toString("base64url");
    const at = new Date(now).toISOString();
    await this.db
      .insertInto("sessions")
      .values({
        secret_hash: hashSecret(secret),
        user_id: userId,
        csrf_token: csrfToken,
        address: from.address,
        user_agent: from.userAgent?.slice(0, 300) ?? null,
        created_at: at,
        last_seen_at: at,
        expires_at: new Date(now + SESSION_MS.absolute).toISOString(),
      })
      .execute();
    return { secret, csrfToken };
  }

  /**
   * The session of a cookie secret, if it is still valid (not past its absolute or idle expiry,
   * its user active); its last use is noted at most once a minute.
   */
  async session(
    secret: string,
    now = Date.now(),
  ): Promise<{ id: number; user: User; csrfToken: string } | undefined> {
    const row = await this.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .selectAll("users")
      .select([
        "sessions.id as sessionId",
        "sessions.csrf_token",
        "sessions.last_seen_at",
        "sessions.expires_at",
      ])
      .where("sessions.secret_hash", "=", hashSecret(secret))
      .executeTakeFirst();
    if (!row || row.deactivated_at !== null) return undefined;
    const lastSeen = Date.parse(row.last_seen_at);
    if (now >= Date.parse(row.expires_at) || now - lastSeen >= SESSION_MS.idle) {
      await this.db.deleteFrom("sessions").where("id", "=", row.sessionId).execute();
      return undefined;
    }
    if (now - lastSeen > 60_000)
      await this.db
        .updateTable("sessions")
        .set({ last_seen_at: new Date(now).toISOString() })
        .where("id", "=", row.sessionId)
        .execute();
    return { id: row.sessionId, user: toUser(row), csrfToken: row.csrf_token };
  }

  /** A new invitation; its token (returned once, stored hashed) lets one person sign up. */
  async invite(
    fields: Omit<Invitation, "id" | "createdAt" | "usedAt">,
    now = Date.now(),
  ): Promise<{ invitation: Invitation; token: string }> {
    const token = randomBytes(32).toString("base64url");
    const row = await this.db
      .insertInto("invitations")
      .values({
        token_hash: hashSecret(token),
        workspace_id: fields.workspaceId,
        role: fields.role,
        environments: fields.environments === null ? null : toJson(fields.environments),
        instance_admin: fields.instanceAdmin ? 1 : 0,
        email: fields.email === null ? null : normalEmail(fields.email),
        created_by: fields.createdBy,
        created_at: new Date(now).toISOString(),
        expires_at: fields.expiresAt,
        used_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { invitation: toInvitation(row), token };
  }

  async invitations(workspaceId: number): Promise<Invitation[]> {
    const rows = await this.db
      .selectFrom("invitations")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .orderBy("id")
      .execute();
    return rows.map(toInvitation);
  }

  /** Whether an unused, unexpired invitation makes an instance administrator (the first owner's). */
  async pendingInstanceInvitation(now = Date.now()): Promise<boolean> {
    const row = await this.db
      .selectFrom("invitations")
      .select("id")
      .where("instance_admin", "=", 1)
      .where("used_at", "is", null)
      .where("expires_at", ">", new Date(now).toISOString())
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Whether an active user is an instance administrator. */
  async hasAdministrator(db = this.db): Promise<boolean> {
    const row = await db
      .selectFrom("users")
      .select("id")
      .where("instance_admin", "=", 1)
      .where("deactivated_at", "is", null)
      .executeTakeFirst();
    return row !== undefined;
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async revokeInvitation(workspaceId: number, id: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom("invitations")
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * Creates the account an invitation offers, in one transaction with its membership; the
   * invitation is used up. Undefined when the token is unknown, used, expired or for another
   * email.
   */
  async accept(
    token: string,
    account: { email: string; name: string; passwordHash: string },
    now = Date.now(),
  ): Promise<User | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("invitations")
        .selectAll()
        .where("token_hash", "=", hashSecret(token))
        .executeTakeFirst();
      if (!row || row.used_at !== null || Date.parse(row.expires_at) <= now) return undefined;
      if (row.email !== null && row.email !== normalEmail(account.email)) return undefined;
      // Used up first: two acceptances at once cannot both pass.
      const used = await trx
        .updateTable("invitations")
        .set({ used_at: new Date(now).toISOString() })
        .where("id", "=", row.id)
        .where("used_at", "is", null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return undefined;
      const user = await this.create(
        {
          email: account.email,
          name: account.name,
          passwordHash: account.passwordHash,
          instanceAdmin: row.instance_admin === 1,
        },
        trx,
      );
      if (row.workspace_id !== null && row.role !== null)
        await this.setMembership(
          {
            workspaceId: row.workspace_id,
            userId: user.id,
            role: row.role as Role,
            environments: row.environments === null ? null : fromJson<string[]>(row.environments),
          },
          trx,
        );
      return user;
    });
  }

  async closeSession(id: number): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", id).execute();
  }

  /** A user's sessions still valid, the latest used first. */
  async sessionsOf(userId: number, now = Date.now()): Promise<SessionInfo[]> {
    const idleSince = new Date(now - SESSION_MS.idle).toISOString();
    const rows = await this.db
      .selectFrom("sessions")
      .select(["id", "address", "user_agent", "created_at", "last_seen_at", "expires_at"])
      .where("user_id", "=", userId)
      .where("expires_at", ">", new Date(now).toISOString())
      .where("last_seen_at", ">", idleSince)
      .orderBy("last_seen_at", "desc")
      .orderBy("id", "desc")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      address: r.address,
      userAgent: r.user_agent,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
    }));
  }

  /** Ends one of a user's sessions; false when the user has no such session. */
  async closeSessionOf(userId: number, id: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom("sessions")
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async closeSessions(userId: number): Promise<void> {
    await this.db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  }
}
