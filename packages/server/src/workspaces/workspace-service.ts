import type { Kysely } from "kysely";
import type { AuditRepository } from "../audit/audit-repository.js";
import type { SdkKey, SdkKeyKind, SdkKeyRepository } from "../auth/sdk-key-repository.js";
import { AppError } from "../http/errors.js";
import { nowIso } from "../storage/dialects.js";
import type { Tables } from "../storage/tables.js";
import type { ChangeBus } from "../streaming/change-bus.js";
import type {
  Environment,
  EnvironmentChange,
  Workspace,
  WorkspaceRepository,
} from "./workspace-repository.js";

/** A key as just created: the only moment its secret exists outside the caller's hands. */
export interface CreatedKey {
  key: SdkKey;
  secret: string;
}

/** The environments a new workspace gets unless told otherwise. */
export const DEFAULT_ENVIRONMENTS = ["development", "production"] as const;

/** The environment a new workspace marks as production when it has one of that name. */
const PRODUCTION_KEY = "production";

const titleCase = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

/** Workspaces, environments and SDK keys, each change audited. */
export class WorkspaceService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly workspaces: WorkspaceRepository,
    private readonly keys: SdkKeyRepository,
    private readonly audit: AuditRepository,
    private readonly bus: ChangeBus,
    /** What else a new environment needs, in its transaction (every flag's state in it). */
    private readonly environmentCreated: (
      workspaceId: number,
      environmentId: number,
      trx: Kysely<Tables>,
    ) => Promise<void>,
  ) {}

  /** The keys every new environment starts with: one server key and one client key. */
  private async createKeyPair(environmentId: number, trx: Kysely<Tables>): Promise<CreatedKey[]> {
    return [
      await this.keys.create(environmentId, "server", "Server key", trx),
      await this.keys.create(environmentId, "client", "Client key", trx),
    ];
  }

  async requireWorkspace(key: string): Promise<Workspace> {
    const workspace = await this.workspaces.get(key);
    if (!workspace) throw new AppError("workspace_not_found", `Workspace "${key}" does not exist`);
    return workspace;
  }

  async requireEnvironment(workspace: Workspace, key: string): Promise<Environment> {
    const environment = await this.workspaces.getEnvironment(workspace.id, key);
    if (!environment)
      throw new AppError(
        "environment_not_found",
        `Environment "${key}" does not exist in workspace "${workspace.key}"`,
      );
    return environment;
  }

  /** Creates a workspace with environments, each with one server and one client key. */
  async createWorkspace(
    key: string,
    name: string,
    environmentKeys: readonly string[],
    actor: string,
  ): Promise<{ workspace: Workspace; keys: Record<string, CreatedKey[]> }> {
    if (new Set(environmentKeys).size !== environmentKeys.length) {
      throw new AppError("validation_failed", "Environment keys must be unique", [
        { field: "body.environments", message: "has duplicates" },
      ]);
    }
    return this.db.transaction().execute(async (trx) => {
      if (await this.workspaces.get(key, trx))
        throw new AppError("conflict", `Workspace "${key}" already exists`);
      const workspace = await this.workspaces.create(key, name, trx);
      const keys: Record<string, CreatedKey[]> = {};
      for (const envKey of environmentKeys) {
        const environment = await this.workspaces.createEnvironment(
          workspace.id,
          envKey,
          titleCase(envKey),
          envKey === PRODUCTION_KEY,
          trx,
        );
        keys[envKey] = await this.createKeyPair(environment.id, trx);
      }
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor,
          action: "workspace.created",
          resourceType: "workspace",
          resourceKey: key,
          before: null,
          after: { key, name, environments: environmentKeys },
        },
        trx,
      );
      return { workspace, keys };
    });
  }

  async renameWorkspace(workspace: Workspace, name: string, actor: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.workspaces.rename(workspace.id, name, trx);
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor,
          action: "workspace.renamed",
          resourceType: "workspace",
          resourceKey: workspace.key,
          before: { name: workspace.name },
          after: { name },
        },
        trx,
      );
    });
  }

  async deleteWorkspace(workspace: Workspace): Promise<void> {
    const environments = await this.workspaces.listEnvironments(workspace.id);
    await this.db.transaction().execute(async (trx) => {
      for (const table of ["flag_states", "sdk_keys"] as const) {
        await trx
          .deleteFrom(table)
          .where("environment_id", "in", environments.length ? environments.map((e) => e.id) : [-1])
          .execute();
      }
      await trx.deleteFrom("flags").where("workspace_id", "=", workspace.id).execute();
      await trx.deleteFrom("audit_entries").where("workspace_id", "=", workspace.id).execute();
      await trx.deleteFrom("environments").where("workspace_id", "=", workspace.id).execute();
      await this.workspaces.remove(workspace.id, trx);
    });
    await this.bus.publish({ type: "keys" });
    await this.bus.publish({ type: "environments" });
  }

  /** Adds an environment: every flag gets an off state there, and the environment gets two keys. */
  async createEnvironment(
    workspace: Workspace,
    key: string,
    name: string,
    isProduction: boolean,
    actor: string,
  ): Promise<{ environment: Environment; keys: CreatedKey[] }> {
    return this.db.transaction().execute(async (trx) => {
      if (await this.workspaces.getEnvironment(workspace.id, key, trx))
        throw new AppError("conflict", `Environment "${key}" already exists`);
      const environment = await this.workspaces.createEnvironment(
        workspace.id,
        key,
        name,
        isProduction,
        trx,
      );
      await this.environmentCreated(workspace.id, environment.id, trx);
      const keys = await this.createKeyPair(environment.id, trx);
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor,
          action: "environment.created",
          resourceType: "environment",
          resourceKey: key,
          environmentKey: key,
          before: null,
          after: { key, name, production: isProduction },
        },
        trx,
      );
      return { environment, keys };
    });
  }

  /** Renames an environment, marks it as production (or not), sets the approvals it requires; returns it as it is now. */
  async updateEnvironment(
    workspace: Workspace,
    environment: Environment,
    change: EnvironmentChange,
    actor: string,
  ): Promise<Environment> {
    const updated = { ...environment, ...change };
    await this.db.transaction().execute(async (trx) => {
      await this.workspaces.updateEnvironment(environment.id, change, trx);
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor,
          action: "environment.updated",
          resourceType: "environment",
          resourceKey: environment.key,
          environmentKey: environment.key,
          before: settingsOf(environment),
          after: settingsOf(updated),
        },
        trx,
      );
    });
    return updated;
  }

  async deleteEnvironment(
    workspace: Workspace,
    environment: Environment,
    actor: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("flag_states").where("environment_id", "=", environment.id).execute();
      await trx.deleteFrom("sdk_keys").where("environment_id", "=", environment.id).execute();
      await this.workspaces.removeEnvironment(environment.id, trx);
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor,
          action: "environment.deleted",
          resourceType: "environment",
          resourceKey: environment.key,
          environmentKey: environment.key,
          before: { key: environment.key, name: environment.name },
          after: null,
        },
        trx,
      );
    });
    await this.bus.publish({ type: "keys" });
  }

  async createKey(
    workspace: Workspace,
    environment: Environment,
    kind: SdkKeyKind,
    name: string,
    actor: string,
  ): Promise<CreatedKey> {
    const created = await this.db.transaction().execute(async (trx) => {
      const result = await this.keys.create(environment.id, kind, name, trx);
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor,
          action: "sdk-key.created",
          resourceType: "sdk-key",
          resourceKey: String(result.key.id),
          environmentKey: environment.key,
          before: null,
          after: { kind, name, hint: result.key.hint },
        },
        trx,
      );
      return result;
    });
    await this.bus.publish({ type: "keys" });
    return created;
  }

  async revokeKey(
    workspace: Workspace,
    environment: Environment,
    key: SdkKey,
    actor: string,
    at = nowIso(),
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.keys.revoke(key.id, at, trx);
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor,
          action: "sdk-key.revoked",
          resourceType: "sdk-key",
          resourceKey: String(key.id),
          environmentKey: environment.key,
          before: { hint: key.hint, revokedAt: key.revokedAt },
          after: { hint: key.hint, revokedAt: at },
        },
        trx,
      );
    });
    await this.bus.publish({ type: "keys" });
  }

  /** Issues a replacement of the same kind; the old key stops working after the grace period. */
  async rotateKey(
    workspace: Workspace,
    environment: Environment,
    key: SdkKey,
    graceSeconds: number,
    actor: string,
  ): Promise<CreatedKey> {
    const created = await this.db.transaction().execute(async (trx) => {
      const replacement = await this.keys.create(environment.id, key.kind, key.name, trx);
      const at = new Date(Date.now() + graceSeconds * 1000).toISOString();
      await this.keys.revoke(key.id, at, trx);
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor,
          action: "sdk-key.rotated",
          resourceType: "sdk-key",
          resourceKey: String(key.id),
          environmentKey: environment.key,
          before: { hint: key.hint },
          after: { replacedBy: replacement.key.hint, oldKeyStopsAt: at },
        },
        trx,
      );
      return replacement;
    });
    await this.bus.publish({ type: "keys" });
    return created;
  }
}

/** An environment's settings as its audit entries keep them. */
const settingsOf = (environment: Environment) => ({
  name: environment.name,
  production: environment.isProduction,
  approvals: { required: environment.approvalsRequired, approverRole: environment.approverRole },
});
