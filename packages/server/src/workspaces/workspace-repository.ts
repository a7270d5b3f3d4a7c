import type { Kysely } from "kysely";
import { nowIso } from "../storage/dialects.js";
import type { Tables } from "../storage/tables.js";

/** A workspace: the unit that owns flags, metrics and environments. */
export interface Workspace {
  id: number;
  key: string;
  name: string;
  createdAt: string;
}

/** An environment of a workspace (development, production, …), with its own flag states and keys. */
export interface Environment {
  id: number;
  workspaceId: number;
  key: string;
  name: string;
  /** Changes here are confirmed before they are saved (the dashboard asks, with a comment). */
  isProduction: boolean;
  /** Approvals a change to a flag's state here needs (0: none), and the least role of approvers. */
  approvalsRequired: number;
  approverRole: "editor" | "admin" | "owner";
  createdAt: string;
}

/** What an environment update may change. */
export interface EnvironmentChange {
  name?: string;
  isProduction?: boolean;
  approvalsRequired?: number;
  approverRole?: Environment["approverRole"];
}

const toWorkspace = (row: {
  id: number;
  key: string;
  name: string;
  created_at: string;
}): Workspace => ({
  id: row.id,
  key: row.key,
  name: row.name,
  createdAt: row.created_at,
});

const toEnvironment = (row: {
  id: number;
  workspace_id: number;
  key: string;
  name: string;
  production: number;
  approvals_required: number;
  approver_role: string;
  created_at: string;
}): Environment => ({
  id: row.id,
  workspaceId: row.workspace_id,
  key: row.key,
  name: row.name,
  isProduction: row.production === 1,
  approvalsRequired: row.approvals_required,
  approverRole: row.approver_role as Environment["approverRole"],
  createdAt: row.created_at,
});

/** Reads and writes workspaces and their environments. */
export class WorkspaceRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(db: Kysely<Tables> = this.db): Promise<Workspace[]> {
    const rows = await db.selectFrom("workspaces").selectAll().orderBy("id").execute();
    return rows.map(toWorkspace);
  }

  async getById(id: number, db: Kysely<Tables> = this.db): Promise<Workspace | undefined> {
    const row = await db
      .selectFrom("workspaces")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toWorkspace(row) : undefined;
  }

  async get(key: string, db: Kysely<Tables> = this.db): Promise<Workspace | undefined> {
    const row = await db
      .selectFrom("workspaces")
      .selectAll()
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? toWorkspace(row) : undefined;
  }

  async create(key: string, name: string, db: Kysely<Tables> = this.db): Promise<Workspace> {
    const row = await db
      .insertInto("workspaces")
      .values({ key, name, created_at: nowIso() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toWorkspace(row);
  }

  async rename(id: number, name: string, db: Kysely<Tables> = this.db): Promise<void> {
    await db.updateTable("workspaces").set({ name }).where("id", "=", id).execute();
  }

  async remove(id: number, db: Kysely<Tables> = this.db): Promise<void> {
    await db.deleteFrom("workspaces").where("id", "=", id).execute();
  }

  async listEnvironments(
    workspaceId: number,
    db: Kysely<Tables> = this.db,
  ): Promise<Environment[]> {
    const rows = await db
      .selectFrom("environments")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .orderBy("id")
      .execute();
    return rows.map(toEnvironment);
  }

  async getEnvironment(
    workspaceId: number,
    key: string,
    db: Kysely<Tables> = this.db,
  ): Promise<Environment | undefined> {
    const row = await db
      .selectFrom("environments")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? toEnvironment(row) : undefined;
  }

  async getEnvironmentById(id: number): Promise<Environment | undefined> {
    const row = await this.db
      .selectFrom("environments")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toEnvironment(row) : undefined;
  }

  async createEnvironment(
    workspaceId: number,
    key: string,
    name: string,
    isProduction: boolean,
    db: Kysely<Tables> = this.db,
  ): Promise<Environment> {
    const row = await db
      .insertInto("environments")
      .values({
        workspace_id: workspaceId,
        key,
        name,
        production: isProduction ? 1 : 0,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEnvironment(row);
  }

  async updateEnvironment(
    id: number,
    change: EnvironmentChange,
    db: Kysely<Tables> = this.db,
  ): Promise<void> {
    await db
      .updateTable("environments")
      .set({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.isProduction !== undefined ? { production: change.isProduction ? 1 : 0 } : {}),
        ...(change.approvalsRequired !== undefined
          ? { approvals_required: change.approvalsRequired }
          : {}),
        ...(change.approverRole !== undefined ? { approver_role: change.approverRole } : {}),
      })
      .where("id", "=", id)
      .execute();
  }

  async removeEnvironment(id: number, db: Kysely<Tables> = this.db): Promise<void> {
    await db.deleteFrom("environments").where("id", "=", id).execute();
  }
}
