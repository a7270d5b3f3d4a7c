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
  createdAt: string;
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
  created_at: string;
}): Environment => ({
  id: row.id,
  workspaceId: row.workspace_id,
  key: row.key,
  name: row.name,
  createdAt: row.created_at,
});

/** Reads and writes workspaces and their environments. */
export class WorkspaceRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(db: Kysely<Tables> = this.db): Promise<Workspace[]> {
    const rows = await db.selectFrom("workspaces").selectAll().orderBy("id").execute();
    return rows.map(toWorkspace);
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
    db: Kysely<Tables> = this.db,
  ): Promise<Environment> {
    const row = await db
      .insertInto("environments")
      .values({ workspace_id: workspaceId, key, name, created_at: nowIso() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEnvironment(row);
  }

  async renameEnvironment(id: number, name: string, db: Kysely<Tables> = this.db): Promise<void> {
    await db.updateTable("environments").set({ name }).where("id", "=", id).execute();
  }

  async removeEnvironment(id: number, db: Kysely<Tables> = this.db): Promise<void> {
    await db.deleteFrom("environments").where("id", "=", id).execute();
  }
}
