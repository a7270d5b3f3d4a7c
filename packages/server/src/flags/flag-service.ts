import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import {
  type EvaluationContext,
  type Explanation,
  explain,
  FALLBACK_VALUE,
  type Flag,
  type FlagState,
  isValueOfType,
  type TargetingRule,
  type Variant,
  validateFlag,
} from "@flagsync-oss/core";
import type { Kysely } from "kysely";
import type { AuditRepository } from "../audit/audit-repository.js";
import type { Actor } from "../auth/admin-auth.js";
import { AppError, type FieldError } from "../http/errors.js";
import { nowIso } from "../storage/dialects.js";
import type { Tables } from "../storage/tables.js";
import type { ChangeBus } from "../streaming/change-bus.js";
import type {
  Environment,
  Workspace,
  WorkspaceRepository,
} from "../workspaces/workspace-repository.js";
import type { FlagRecord, FlagRepository, FlagStateRecord } from "./flag-repository.js";
import type { FlagCreate, FlagUpdate, FlagView, StatePatch, StateView } from "./flag-schemas.js";

/** A fresh bucketing seed: every flag and environment gets its own, so buckets are independent. */
export function newSeed(): string {
  return randomBytes(12).toString("hex");
}

function variantKey(variants: readonly Variant[], id: number): string {
  return variants.find((v) => v.id === id)?.key ?? `#${id}`;
}

/** The admin API's view of a state: variants named by key. */
export function stateView(
  environment: string,
  flag: FlagRecord,
  record: FlagStateRecord,
): StateView {
  const { state } = record;
  return {
    environment,
    enabled: state.enabled,
    offVariant: variantKey(flag.variants, state.offVariantId),
    onVariant: variantKey(flag.variants, state.onVariantId),
    seed: state.seed,
    rules: state.rules.map((rule) => ({
      id: rule.id,
      name: rule.name ?? "",
      variant: variantKey(flag.variants, rule.variantId),
      clauses: rule.clauses.map((c) => ({
        attribute: c.attribute,
        ...(c.attribute === "CUSTOM" ? { customAttribute: c.customAttribute ?? null } : {}),
        operator: c.operator,
        values: c.values,
      })),
    })),
    rollout: state.rollout.map((e) => ({
      variant: variantKey(flag.variants, e.variantId),
      percentage: e.percentage,
    })),
    version: record.version,
    updatedAt: record.updatedAt,
  };
}

/** Who made a change, as recorded in the audit log. */
export type { Actor };

/**
 * Flag rules: validation with field-level messages, writes with their audit entry in one
 * transaction, and a change published to SDK streams after commit.
 */
export class FlagService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly flags: FlagRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly audit: AuditRepository,
    private readonly bus: ChangeBus,
    /** The experiments running on flags, which must not lose them or their split silently. */
    private readonly experiments: FlagExperiments = {
      runningWith: async () => [],
      newPhasesAfterFlagChange: async () => {},
    },
  ) {}

  /**
   * Gives every flag of the workspace its state in a new environment, in the environment's
   * transaction: off, serving what its first environment serves on and off, with a seed of
   * its own.
   */
  async addEnvironment(
    workspaceId: number,
    environmentId: number,
    trx: Kysely<Tables>,
  ): Promise<void> {
    const flags = await this.flags.all(workspaceId, trx);
    for (const flag of flags) {
      // Mirror the flag's state in its first environment for which variants serve on and off.
      const template = await trx
        .selectFrom("flag_states")
        .select(["on_variant_id", "off_variant_id"])
        .where("flag_id", "=", flag.id)
        .orderBy("environment_id")
        .executeTakeFirst();
      if (!template) continue;
      await this.flags.insertState(
        flag,
        {
          flagId: flag.id,
          environmentId,
          state: {
            enabled: false,
            offVariantId: template.off_variant_id,
            onVariantId: template.on_variant_id,
            seed: newSeed(),
            rollout: [],
            rules: [],
          },
          nextRuleId: 1,
          version: 1,
          updatedAt: nowIso(),
        },
        trx,
      );
    }
  }

  /** Refuses to take a flag away from the experiments running on it, naming them. */
  private async refuseIfExperimentsRun(
    workspace: Workspace,
    key: string,
    what: string,
    db: Kysely<Tables>,
  ): Promise<void> {
    const running = await this.experiments.runningWith(workspace.id, key, db);
    if (running.length === 0) return;
    throw new AppError(
      "conflict",
      `Flag "${key}" cannot be ${what} while ${running.length === 1 ? "experiment" : "experiments"} ${running.map((k) => `"${k}"`).join(", ")} ${running.length === 1 ? "runs" : "run"} on it: stop ${running.length === 1 ? "it" : "them"} first`,
    );
  }

  async view(
    workspace: Workspace,
    flag: FlagRecord,
    db: Kysely<Tables> = this.db,
  ): Promise<FlagView> {
    const environments = await this.workspaces.listEnvironments(workspace.id, db);
    const states = await this.flags.states(flag.id, db);
    const byEnvironment: Record<string, StateView> = {};
    for (const environment of environments) {
      const record = states.find((s) => s.environmentId === environment.id);
      if (record) byEnvironment[environment.key] = stateView(environment.key, flag, record);
    }
    return {
      key: flag.key,
      name: flag.name,
      description: flag.description,
      type: flag.type,
      variants: flag.variants.map((v) => ({
        id: v.id,
        key: v.key,
        name: v.name ?? v.key,
        description: v.description ?? "",
        value: v.value,
      })),
      tags: flag.tags,
      warnings: variantWarnings(flag.variants),
      archived: flag.archivedAt !== null,
      createdAt: flag.createdAt,
      updatedAt: flag.updatedAt,
      environments: byEnvironment,
    };
  }

  async require(workspace: Workspace, key: string): Promise<FlagRecord> {
    const flag = await this.flags.get(workspace.id, key);
    if (!flag)
      throw new AppError(
        "flag_not_found",
        `Flag "${key}" does not exist in workspace "${workspace.key}"`,
      );
    return flag;
  }

  async create(workspace: Workspace, input: FlagCreate, actor: Actor): Promise<FlagView> {
    const variantsIn =
      input.variants ??
      (input.type === "boolean"
        ? [
            { key: "on", value: true },
            { key: "off", value: false },
          ]
        : undefined);
    if (!variantsIn) {
      throw new AppError("validation_failed", "variants are required for non-boolean flags", [
        { field: "body.variants", message: "is required unless type is boolean" },
      ]);
    }
    const variants: Variant[] = variantsIn.map((v, i) => ({
      id: i + 1,
      key: v.key,
      name: v.name ?? v.key,
      description: v.description ?? "",
      value: v.value as Variant["value"],
    }));
    const errors = this.variantErrors(input.type, variants, "variants");
    const pick = (key: string | undefined, fallback: Variant, field: string): number => {
      if (key === undefined) return fallback.id;
      const found = variants.find((v) => v.key === key);
      if (!found) errors.push({ field, message: `unknown variant "${key}"` });
      return found?.id ?? fallback.id;
    };
    const onVariantId = pick(input.onVariant, variants[0] as Variant, "onVariant");
    const offVariantId = pick(
      input.offVariant,
      variants[variants.length - 1] as Variant,
      "offVariant",
    );
    if (errors.length > 0)
      throw new AppError("validation_failed", "The flag is not valid", inBody(errors));

    const now = nowIso();
    const view = await this.db.transaction().execute(async (trx) => {
      if (await this.flags.get(workspace.id, input.key, trx)) {
        throw new AppError("conflict", `Flag "${input.key}" already exists`);
      }
      const flag = await this.flags.insert(
        {
          workspaceId: workspace.id,
          key: input.key,
          name: input.name ?? input.key,
          description: input.description ?? "",
          type: input.type,
          variants,
          tags: [...new Set(input.tags ?? [])],
          nextVariantId: variants.length + 1,
          archivedAt: null,
          createdAt: now,
          updatedAt: now,
        },
        trx,
      );
      const environments = await this.workspaces.listEnvironments(workspace.id, trx);
      for (const environment of environments) {
        await this.flags.insertState(
          flag,
          {
            flagId: flag.id,
            environmentId: environment.id,
            state: {
              enabled: false,
              offVariantId,
              onVariantId,
              seed: newSeed(),
              rollout: [],
              rules: [],
            },
            nextRuleId: 1,
            version: 1,
            updatedAt: now,
          },
          trx,
        );
      }
      const created = await this.view(workspace, flag, trx);
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor: actor.name,
          action: "flag.created",
          resourceType: "flag",
          resourceKey: flag.key,
          flagKey: flag.key,
          before: null,
          after: created,
        },
        trx,
      );
      return { created, environmentIds: environments.map((e) => e.id) };
    });
    await this.bus.publish({
      type: "flags",
      environmentIds: view.environmentIds,
      flagKeys: [input.key],
    });
    return view.created;
  }

  async update(
    workspace: Workspace,
    key: string,
    input: FlagUpdate,
    actor: Actor,
  ): Promise<FlagView> {
    if (input.variants) {
      // Results map served values to variant keys: changing or removing a variant mid-test
      // would move users between arms. Adding one changes nobody's assignment.
      const current = await this.require(workspace, key);
      const kept = new Map(input.variants.map((v) => [v.id, v]));
      const altered = current.variants.some((old) => {
        const next = kept.get(old.id);
        return !next || next.key !== old.key || !isDeepStrictEqual(next.value, old.value);
      });
      if (altered)
        await this.refuseIfExperimentsRun(workspace, key, "given changed variants", this.db);
    }
    return (await this.changeFlag(workspace, key, "flag.updated", actor, (flag, states) => {
      const next: FlagRecord = { ...flag, updatedAt: nowIso() };
      if (input.name !== undefined) next.name = input.name;
      if (input.description !== undefined) next.description = input.description;
      if (input.tags !== undefined) next.tags = [...new Set(input.tags)];
      if (input.variants) {
        let nextId = flag.nextVariantId;
        const errors: FieldError[] = [];
        next.variants = input.variants.map((v, i) => {
          if (v.id !== undefined && !flag.variants.some((old) => old.id === v.id)) {
            errors.push({ field: `variants[${i}].id`, message: `unknown variant id ${v.id}` });
          }
          return {
            id: v.id ?? nextId++,
            key: v.key,
            name: v.name ?? v.key,
            description: v.description ?? "",
            value: v.value as Variant["value"],
          };
        });
        next.nextVariantId = nextId;
        errors.push(...this.variantErrors(flag.type, next.variants, "variants"));
        // A variant still served somewhere cannot be removed.
        const kept = new Set(next.variants.map((v) => v.id));
        let stillServed = false;
        for (const record of states) {
          const used = [
            record.state.offVariantId,
            record.state.onVariantId,
            ...record.state.rules.map((r) => r.variantId),
            ...record.state.rollout.map((e) => e.variantId),
          ];
          for (const id of used) {
            if (!kept.has(id)) {
              stillServed = true;
              errors.push({
                field: "variants",
                message: `variant "${variantKey(flag.variants, id)}" is still served in an environment; change that first`,
              });
            }
          }
        }
        if (errors.length > 0) {
          throw new AppError(
            stillServed ? "conflict" : "validation_failed",
            "The variants are not valid",
            inBody(dedupe(errors)),
          );
        }
      }
      return next;
    })) as FlagView;
  }

  async setArchived(
    workspace: Workspace,
    key: string,
    archived: boolean,
    actor: Actor,
  ): Promise<FlagView> {
    if (archived) await this.refuseIfExperimentsRun(workspace, key, "archived", this.db);
    return (await this.changeFlag(
      workspace,
      key,
      archived ? "flag.archived" : "flag.restored",
      actor,
      (flag) => ({
        ...flag,
        archivedAt: archived ? (flag.archivedAt ?? nowIso()) : null,
        updatedAt: nowIso(),
      }),
    )) as FlagView;
  }

  async remove(workspace: Workspace, key: string, actor: Actor): Promise<void> {
    await this.refuseIfExperimentsRun(workspace, key, "deleted", this.db);
    await this.changeFlag(workspace, key, "flag.deleted", actor, () => null);
  }

  /**
   * Applies a change to a flag in one transaction with its audit entry (before and after), then
   * tells every environment's SDK streams. `change` returns the new record, or null to delete.
   */
  private async changeFlag(
    workspace: Workspace,
    key: string,
    action: string,
    actor: Actor,
    change: (flag: FlagRecord, states: FlagStateRecord[]) => FlagRecord | null,
  ): Promise<FlagView | null> {
    const result = await this.db.transaction().execute(async (trx) => {
      const flag = await this.flags.get(workspace.id, key, trx);
      if (!flag) throw new AppError("flag_not_found", `Flag "${key}" does not exist`);
      const before = await this.view(workspace, flag, trx);
      const states = await this.flags.states(flag.id, trx);
      const next = change(flag, states);
      if (!actor.breakGlass) {
        // What environments that require approvals serve changes only through a change request.
        const gated = new Set(
          (await this.workspaces.listEnvironments(workspace.id, trx))
            .filter((e) => e.approvalsRequired > 0)
            .map((e) => e.id),
        );
        const reason = changesWhatIsServed(
          flag,
          next,
          states.filter((s) => gated.has(s.environmentId)),
        );
        if (reason) throw new AppError("approval_required", reason);
      }
      const after = next ? await this.view(workspace, next, trx) : null;
      // Saving what is already there is no change: nothing written, no history, no push.
      if (after && isDeepStrictEqual({ ...after, updatedAt: "" }, { ...before, updatedAt: "" }))
        return { after: before, environmentIds: [], isChanged: false };
      if (next) await this.flags.update(next, trx);
      else await this.flags.remove(flag.id, trx);
      // New variants change what SDKs evaluate everywhere: a new version in each environment.
      if (next && !isDeepStrictEqual(next.variants, flag.variants))
        await this.flags.recordVersions(next, states, trx);
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor: actor.name,
          action,
          resourceType: "flag",
          resourceKey: key,
          flagKey: key,
          before,
          after,
        },
        trx,
      );
      return { after, environmentIds: states.map((s) => s.environmentId), isChanged: true };
    });
    if (result.isChanged)
      await this.bus.publish({
        type: "flags",
        environmentIds: result.environmentIds,
        flagKeys: [key],
      });
    return result.after;
  }

  /**
   * Changes a flag's state in an environment. Where the environment requires approvals, only an
   * approved change request applies a change (`how.approved`); a direct change is refused,
   * except from the break-glass instance token, audited as such. `how.within` runs in the same
   * transaction, after the state and its audit entry are written (a request's or a schedule's
   * status: if it throws, nothing is changed).
   */
  async updateState(
    workspace: Workspace,
    key: string,
    environment: Environment,
    patch: StatePatch,
    actor: Actor,
    how: {
      approved?: boolean;
      within?: (trx: Kysely<Tables>, after: StateView) => Promise<void>;
    } = {},
  ): Promise<StateView> {
    const bypass = environment.approvalsRequired > 0 && !how.approved;
    if (bypass && !actor.breakGlass)
      throw new AppError(
        "approval_required",
        `Changes to flags in "${environment.key}" need ${environment.approvalsRequired === 1 ? "an approval" : `${environment.approvalsRequired} approvals`}: open a change request with the same body (POST /api/v1/workspaces/${workspace.key}/flags/${key}/environments/${environment.key}/change-requests)`,
      );
    const result = await this.db.transaction().execute(async (trx) => {
      const flag = await this.flags.get(workspace.id, key, trx);
      if (!flag) throw new AppError("flag_not_found", `Flag "${key}" does not exist`);
      const current = await this.flags.state(flag.id, environment.id, trx);
      if (!current)
        throw new AppError(
          "not_found",
          `Flag "${key}" has no state in environment "${environment.key}"`,
        );
      if (patch.expectedVersion !== undefined && patch.expectedVersion !== current.version) {
        throw new AppError(
          "conflict",
          `The state changed since version ${patch.expectedVersion} (now ${current.version}); reload and retry`,
        );
      }
      const { state, nextRuleId } = patchedState(flag, current, patch);

      const before = stateView(environment.key, flag, current);
      // Saving what is already there (a form saved twice) is no change: no version, no history.
      if (isDeepStrictEqual(stateView(environment.key, flag, { ...current, state }), before))
        return { view: before, isChanged: false };
      // Who gets which variant is what a running experiment measures: changing it mid-test is
      // refused unless asked for explicitly, and then starts a new phase of the experiment.
      const reassigns = (["rollout", "seed", "rules"] as const).filter(
        (field) => !isDeepStrictEqual(current.state[field], state[field]),
      );
      const running =
        reassigns.length > 0
          ? await this.experiments.runningWith(workspace.id, key, trx, environment.id)
          : [];
      if (running.length > 0 && patch.newExperimentPhase !== true) {
        const which = running.map((k) => `"${k}"`).join(", ");
        throw new AppError(
          "conflict",
          `Changing the ${reassigns.join(", ")} of flag "${key}" in "${environment.key}" changes who gets which variant in ${running.length === 1 ? "experiment" : "experiments"} ${which} running there: send newExperimentPhase: true to make the change and start a new phase (results are then per phase), or stop the experiment first`,
          inBody([{ field: "newExperimentPhase", message: `required: experiment ${which} runs` }]),
        );
      }
      const record: FlagStateRecord = {
        ...current,
        state,
        nextRuleId,
        version: current.version + 1,
        updatedAt: nowIso(),
      };
      if (!(await this.flags.updateState(flag, record, current.version, trx))) {
        throw new AppError(
          "conflict",
          "The state was changed by someone else at the same time; retry",
        );
      }
      const after = stateView(environment.key, flag, record);
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor: actor.name,
          action: "flag.state.updated",
          resourceType: "flag-state",
          resourceKey: `${key}/${environment.key}`,
          flagKey: key,
          environmentKey: environment.key,
          before,
          after,
          comment:
            [
              bypass ? "Approval bypassed with the break-glass instance token" : "",
              patch.comment?.trim(),
            ]
              .filter(Boolean)
              .join(": ") || null,
        },
        trx,
      );
      if (running.length > 0)
        await this.experiments.newPhasesAfterFlagChange(
          workspace,
          key,
          environment.id,
          `Flag ${reassigns.join(", ")} changed${patch.comment?.trim() ? `: ${patch.comment.trim()}` : ""}`,
          actor,
          trx,
        );
      await how.within?.(trx, after);
      return { view: after, isChanged: true };
    });
    if (result.isChanged)
      await this.bus.publish({ type: "flags", environmentIds: [environment.id], flagKeys: [key] });
    return result.view;
  }

  /**
   * Why a context gets what it gets from a flag in an environment: the result (as SDKs
   * evaluate it), each rule's and clause's outcome, and the rollout bucket.
   */
  async explain(
    workspace: Workspace,
    key: string,
    environment: Environment,
    context: EvaluationContext,
  ): Promise<{ version: number; explanation: Explanation }> {
    const flag = await this.require(workspace, key);
    const current = await this.flags.state(flag.id, environment.id);
    if (!current)
      throw new AppError(
        "not_found",
        `Flag "${key}" has no state in environment "${environment.key}"`,
      );
    const evaluable: Flag = {
      key: flag.key,
      type: flag.type,
      variants: flag.variants,
      state: current.state,
    };
    return { version: current.version, explanation: explain(evaluable, context) };
  }

  /**
   * The state a patch would make, beside the state now and its version, without changing
   * anything; a patch that is not valid is refused as a direct change would be.
   */
  async preview(
    workspace: Workspace,
    key: string,
    environment: Environment,
    patch: StatePatch,
  ): Promise<{ version: number; before: StateView; after: StateView }> {
    const flag = await this.flags.get(workspace.id, key);
    if (!flag) throw new AppError("flag_not_found", `Flag "${key}" does not exist`);
    const current = await this.flags.state(flag.id, environment.id);
    if (!current)
      throw new AppError(
        "not_found",
        `Flag "${key}" has no state in environment "${environment.key}"`,
      );
    const { state } = patchedState(flag, current, patch);
    return {
      version: current.version,
      before: stateView(environment.key, flag, current),
      after: stateView(environment.key, flag, { ...current, state }),
    };
  }

  private variantErrors(
    type: Flag["type"],
    variants: readonly Variant[],
    at: string,
  ): FieldError[] {
    const errors: FieldError[] = [];
    const keys = new Set<string>();
    variants.forEach((variant, i) => {
      if (keys.has(variant.key))
        errors.push({
          field: `${at}[${i}].key`,
          message: `duplicate variant key "${variant.key}"`,
        });
      keys.add(variant.key);
      if (!isValueOfType(type, variant.value)) {
        errors.push({
          field: `${at}[${i}].value`,
          message: `must be a ${type === "json" ? "JSON value (not null)" : type}`,
        });
      }
    });
    return errors;
  }
}

/**
 * What a patch makes of a flag's state: the new state and the next rule id; refused (400,
 * every field named) when it is not valid.
 */
function patchedState(
  flag: FlagRecord,
  current: FlagStateRecord,
  patch: StatePatch,
): { state: FlagState; nextRuleId: number } {
  const errors: FieldError[] = [];
  const idOf = (variant: string, field: string): number => {
    const found = flag.variants.find((v) => v.key === variant);
    if (!found) errors.push({ field, message: `unknown variant "${variant}"` });
    return found?.id ?? -1;
  };
  const state: FlagState = { ...current.state };
  let nextRuleId = current.nextRuleId;
  if (patch.enabled !== undefined) state.enabled = patch.enabled;
  if (patch.offVariant !== undefined) state.offVariantId = idOf(patch.offVariant, "offVariant");
  if (patch.onVariant !== undefined) state.onVariantId = idOf(patch.onVariant, "onVariant");
  if (patch.seed !== undefined) state.seed = patch.seed;
  if (patch.reshuffle) state.seed = newSeed();
  if (patch.rollout !== undefined) {
    state.rollout = patch.rollout.map((e, i) => ({
      variantId: idOf(e.variant, `rollout[${i}].variant`),
      percentage: e.percentage,
    }));
  }
  if (patch.rules !== undefined) {
    const existing = new Set(current.state.rules.map((r) => r.id));
    state.rules = patch.rules.map((rule, i): TargetingRule => {
      if (rule.id !== undefined && !existing.has(rule.id)) {
        errors.push({
          field: `rules[${i}].id`,
          message: `unknown rule id ${rule.id}; omit it for a new rule`,
        });
      }
      return {
        id: rule.id ?? nextRuleId++,
        name: rule.name ?? "",
        variantId: idOf(rule.variant, `rules[${i}].variant`),
        clauses: rule.clauses.map((c) => ({
          attribute: c.attribute,
          ...(c.attribute === "CUSTOM" ? { customAttribute: c.customAttribute ?? null } : {}),
          operator: c.operator,
          values: c.values,
        })),
      };
    });
  }
  {
    // Unknown variant keys were reported above (as id -1); report everything else too.
    const candidate: Flag = { key: flag.key, type: flag.type, variants: flag.variants, state };
    for (const issue of validateFlag(candidate).errors) {
      if (issue.message === "unknown variant id -1") continue;
      errors.push({
        field: issue.path
          .replace(/^state\./, "")
          .replace(/VariantId$/, "Variant")
          .replace(/\.variantId$/, ".variant"),
        message: issue.message,
      });
    }
  }
  if (errors.length > 0)
    throw new AppError("validation_failed", "The flag state is not valid", inBody(errors));
  return { state, nextRuleId };
}

/**
 * Why a change to a flag itself (not its state) would change what an environment that requires
 * approvals serves, or null: deleting, archiving or restoring it while it is on there, or
 * changing the value of a variant served there.
 */
function changesWhatIsServed(
  flag: FlagRecord,
  next: FlagRecord | null,
  gatedStates: FlagStateRecord[],
): string | null {
  if (gatedStates.length === 0) return null;
  const listed = (f: FlagRecord | null) => f !== null && f.archivedAt === null;
  if (listed(flag) !== listed(next) && gatedStates.some((s) => s.state.enabled))
    return `Flag "${flag.key}" is on in an environment that requires approvals: turn it off there through a change request first`;
  if (!next) return null;
  for (const { state } of gatedStates) {
    const served = [
      state.offVariantId,
      state.onVariantId,
      ...state.rules.map((r) => r.variantId),
      ...state.rollout.map((e) => e.variantId),
    ];
    for (const id of new Set(served)) {
      const before = flag.variants.find((v) => v.id === id);
      const after = next.variants.find((v) => v.id === id);
      if (before && after && !isDeepStrictEqual(before.value, after.value))
        return `Variant "${before.key}" is served in an environment that requires approvals: add a new variant and change the state to it through a change request instead of changing its value`;
    }
  }
  return null;
}

/** Names fields as the schema validator does, relative to the request: `body.rules[0].variant`. */
function inBody(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, field: `body.${e.field}` }));
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const id = `${e.field}\u0000${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** What flags ask of the experiments running on them. */
export interface FlagExperiments {
  /** The keys of the experiments running on a flag (in one environment when given). */
  runningWith(
    workspaceId: number,
    flagKey: string,
    db: Kysely<Tables>,
    environmentId?: number,
  ): Promise<string[]>;
  /** Starts a new phase of those running in the environment, in the change's transaction. */
  newPhasesAfterFlagChange(
    workspace: Workspace,
    flagKey: string,
    environmentId: number,
    reason: string,
    actor: Actor,
    db: Kysely<Tables>,
  ): Promise<void>;
}

/**
 * What a flag's variants make unreliable: the official SDKs serve "control" when they cannot
 * evaluate a flag (not ready, unknown flag), so a variant whose value is "control" cannot be
 * told apart from that fallback in impressions.
 */
export function variantWarnings(variants: readonly Variant[]): string[] {
  const control = variants.filter((v) => v.value === FALLBACK_VALUE);
  if (control.length === 0) return [];
  return [
    `Variant ${control.map((v) => `"${v.key}"`).join(", ")} has the value "${FALLBACK_VALUE}", which the SDKs also serve as their fallback when they cannot evaluate the flag: impressions of that fallback count as this variant (they show as assignment mismatches or a second variant). Another value avoids this.`,
  ];
}
