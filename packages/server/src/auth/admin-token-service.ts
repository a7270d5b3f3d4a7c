import type { Kysely } from "kysely";
import type { AuditRepository } from "../audit/audit-repository.js";
import { AppError } from "../http/errors.js";
import { nowIso } from "../storage/dialects.js";
import type { Tables } from "../storage/tables.js";
import type { AdminToken, AdminTokenRepository, TokenGrant } from "./admin-token-repository.js";

/** The name of the token set by FLAGSYNC_ADMIN_TOKEN; a new value replaces the token of this name. */
export const CONFIGURED_TOKEN_NAME = "FLAGSYNC_ADMIN_TOKEN";

const auditView = (token: AdminToken) => ({
  id: token.id,
  name: token.name,
  hint: token.hint,
  revokedAt: token.revokedAt,
});

/**
 * Admin tokens: create, revoke, and the token configured by FLAGSYNC_ADMIN_TOKEN. A token opens
 * every workspace, so each change is recorded in the audit log of every workspace.
 */
export class AdminTokenService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly tokens: AdminTokenRepository,
    /** Every workspace, each audited when an admin token changes (WorkspaceRepository). */
    private readonly workspaces: { list(db: Kysely<Tables>): Promise<{ id: number }[]> },
    private readonly audit: AuditRepository,
    /** Whether an active user is an instance administrator. */
    private readonly administrators: (db: Kysely<Tables>) => Promise<boolean> = async () => false,
  ) {}

  async create(
    name: string,
    actor: string,
    grant: TokenGrant = {},
  ): Promise<{ token: AdminToken; secret: string }> {
    if (name === CONFIGURED_TOKEN_NAME)
      throw new AppError("validation_failed", `The name ${name} is reserved`, [
        { field: "body.name", message: "is reserved for the token set by FLAGSYNC_ADMIN_TOKEN" },
      ]);
    return this.db.transaction().execute(async (trx) => {
      if (grant.expiresAt != null && Date.parse(grant.expiresAt) <= Date.now())
        throw new AppError("validation_failed", "A token must expire in the future", [
          { field: "body.expiresAt", message: "is not in the future" },
        ]);
      const { token, secret } = await this.tokens.create(name, undefined, trx, grant);
      // A fresh random secret of 190 bits never collides with a stored one.
      if (!token) throw new AppError("conflict", "Could not store the new token; try again");
      await this.record(trx, actor, "admin_token.created", null, token);
      return { token, secret };
    });
  }

  /**
   * Revokes a token (`owner`: only if it is this user's personal token); the last working
   * instance token cannot be revoked while no active user is an instance administrator.
   */
  async revoke(id: number, actor: string, owner?: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.tokens.lockWorking(trx);
      const token = await this.tokens.get(id, trx);
      if (!token || (owner !== undefined && token.userId !== owner))
        throw new AppError("not_found", `No admin token ${id}`);
      if (token.revokedAt !== null) return;
      const instance = token.userId === null && token.role === null;
      // Nobody could administer the instance any more, unless a person can sign in as one.
      if (instance && (await this.tokens.count(trx)) <= 1 && !(await this.administrators(trx)))
        throw new AppError(
          "conflict",
          "This is the last working admin token; create another before revoking it",
        );
      const at = nowIso();
      await this.tokens.revoke(id, at, trx);
      await this.record(trx, actor, "admin_token.revoked", token, { ...token, revokedAt: at });
    });
  }

  /**
   * Accepts the token set by FLAGSYNC_ADMIN_TOKEN, and revokes the token an earlier value of
   * the variable set: changing the variable and restarting replaces the token.
   */
  async configure(secret: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { token } = await this.tokens.create(CONFIGURED_TOKEN_NAME, secret, trx);
      if (token) await this.record(trx, "system", "admin_token.created", null, token);
      else await this.tokens.rehint(secret, trx);
      const at = nowIso();
      for (const previous of await this.tokens.othersNamed(CONFIGURED_TOKEN_NAME, secret, trx)) {
        await this.tokens.revoke(previous.id, at, trx);
        await this.record(trx, "system", "admin_token.revoked", previous, {
          ...previous,
          revokedAt: at,
        });
      }
    });
  }

  private async record(
    trx: Kysely<Tables>,
    actor: string,
    action: string,
    before: AdminToken | null,
    after: AdminToken,
  ): Promise<void> {
    for (const workspace of await this.workspaces.list(trx)) {
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor,
          action,
          resourceType: "admin_token",
          resourceKey: String(after.id),
          before: before ? auditView(before) : null,
          after: auditView(after),
        },
        trx,
      );
    }
  }
}
