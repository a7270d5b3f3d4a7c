import type { Kysely, Selectable } from "kysely";
import type { AuditRepository } from "../audit/audit-repository.js";
import type { Actor } from "../flags/flag-service.js";
import { AppError, type FieldError } from "../http/errors.js";
import { fromJson, nowIso, toJson } from "../storage/dialects.js";
import type { MetricsTable, Tables } from "../storage/tables.js";
import type { Workspace } from "../workspaces/workspace-repository.js";
import type {
  MetricCreate,
  MetricFilter,
  MetricKind,
  MetricUpdate,
  MetricView,
} from "./metric-schemas.js";

/** A stored metric, as the analysis reads it. */
export interface Metric extends MetricView {
  id: number;
}

function toMetric(row: Selectable<MetricsTable>): Metric {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    kind: row.kind as MetricKind,
    eventKey: row.event_key,
    valuePath: row.value_path,
    filters: fromJson<MetricFilter[]>(row.filters),
    direction: row.direction as Metric["direction"],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The API's view of a metric (without the internal id). */
export function metricView(metric: Metric): MetricView {
  const { id: _id, ...view } = metric;
  return view;
}

/** Field-level problems of a metric definition that the schema cannot express. */
function problems(metric: {
  kind: MetricKind;
  valuePath: string | null;
  filters: MetricFilter[];
}): FieldError[] {
  const errors: FieldError[] = [];
  if (metric.valuePath !== null && (metric.kind === "conversion" || metric.kind === "count")) {
    errors.push({
      field: "body.valuePath",
      message: `a ${metric.kind} metric has no value: leave valuePath out`,
    });
  }
  const scalar = (value: unknown): boolean =>
    value === null ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value)) ||
    (typeof value === "string" && value.length <= 500);
  metric.filters.forEach((filter, i) => {
    const at = `body.filters[${i}]`;
    const { operator } = filter;
    if (filter.value !== undefined && !scalar(filter.value))
      errors.push({ field: `${at}.value`, message: "must be a string, number, boolean or null" });
    (filter.values ?? []).forEach((v, k) => {
      if (!scalar(v))
        errors.push({
          field: `${at}.values[${k}]`,
          message: "must be a string, number, boolean or null",
        });
    });
    if (operator === "exists") {
      if (filter.value !== undefined || filter.values !== undefined)
        errors.push({ field: at, message: "exists takes neither value nor values" });
    } else if (operator === "in") {
      if (filter.values === undefined)
        errors.push({ field: `${at}.values`, message: "in needs a list of values" });
      if (filter.value !== undefined)
        errors.push({ field: `${at}.value`, message: "in takes values, not value" });
    } else {
      if (filter.values !== undefined)
        errors.push({ field: `${at}.values`, message: `${operator} takes value, not values` });
      if (filter.value === undefined)
        errors.push({ field: `${at}.value`, message: `${operator} needs a value` });
      else if (
        ["gt", "gte", "lt", "lte"].includes(operator) &&
        (typeof filter.value !== "number" || !Number.isFinite(filter.value))
      )
        errors.push({ field: `${at}.value`, message: `${operator} compares with a number` });
    }
  });
  return errors;
}

/** Refuses a definition (create, update or preview) with the problems the schema cannot see. */
export function checkDefinition(metric: {
  kind: MetricKind;
  valuePath: string | null;
  filters: MetricFilter[];
}): void {
  const errors = problems(metric);
  if (errors.length > 0)
    throw new AppError("validation_failed", `Invalid metric: ${errors[0]?.message}`, errors);
}

/** Metrics of a workspace: validated, audited definitions that experiments refer to. */
export class MetricService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly audit: AuditRepository,
  ) {}

  async list(workspace: Workspace): Promise<Metric[]> {
    const rows = await this.db
      .selectFrom("metrics")
      .selectAll()
      .where("workspace_id", "=", workspace.id)
      .orderBy("key")
      .execute();
    return rows.map(toMetric);
  }

  async byIds(ids: readonly number[], db: Kysely<Tables> = this.db): Promise<Metric[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom("metrics").selectAll().where("id", "in", ids).execute();
    const metrics = rows.map(toMetric);
    return ids.map((id) => metrics.find((m) => m.id === id)).filter((m): m is Metric => !!m);
  }

  /** The metric of a key, if there is one. */
  async find(
    workspace: Workspace,
    key: string,
    db: Kysely<Tables> = this.db,
  ): Promise<Metric | undefined> {
    const row = await db
      .selectFrom("metrics")
      .selectAll()
      .where("workspace_id", "=", workspace.id)
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? toMetric(row) : undefined;
  }

  async get(workspace: Workspace, key: string, db: Kysely<Tables> = this.db): Promise<Metric> {
    const row = await this.find(workspace, key, db);
    if (!row)
      throw new AppError(
        "not_found",
        `Metric "${key}" does not exist in workspace "${workspace.key}"`,
      );
    return row;
  }

  async create(workspace: Workspace, input: MetricCreate, actor: Actor): Promise<MetricView> {
    const definition = {
      kind: input.kind,
      valuePath: input.valuePath ?? null,
      filters: input.filters ?? [],
    };
    checkDefinition(definition);
    return this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom("metrics")
        .select("id")
        .where("workspace_id", "=", workspace.id)
        .where("key", "=", input.key)
        .executeTakeFirst();
      if (taken)
        throw new AppError("conflict", `Metric "${input.key}" already exists`, [
          { field: "body.key", message: "is taken" },
        ]);
      const now = nowIso();
      await trx
        .insertInto("metrics")
        .values({
          workspace_id: workspace.id,
          key: input.key,
          name: input.name ?? input.key,
          description: input.description ?? "",
          kind: input.kind,
          event_key: input.eventKey,
          value_path: definition.valuePath,
          filters: toJson(definition.filters) ?? "[]",
          direction: input.direction ?? "increase",
          created_at: now,
          updated_at: now,
        })
        .execute();
      const created = metricView(await this.get(workspace, input.key, trx));
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor: actor.name,
          action: "metric.created",
          resourceType: "metric",
          resourceKey: input.key,
          before: null,
          after: created,
        },
        trx,
      );
      return created;
    });
  }

  async update(
    workspace: Workspace,
    key: string,
    input: MetricUpdate,
    actor: Actor,
  ): Promise<MetricView> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.get(workspace, key, trx);
      const next = {
        kind: input.kind ?? before.kind,
        valuePath: input.valuePath === undefined ? before.valuePath : input.valuePath,
        filters: input.filters ?? before.filters,
      };
      checkDefinition(next);
      await trx
        .updateTable("metrics")
        .set({
          name: input.name ?? before.name,
          description: input.description ?? before.description,
          kind: next.kind,
          event_key: input.eventKey ?? before.eventKey,
          value_path: next.valuePath,
          filters: toJson(next.filters) ?? "[]",
          direction: input.direction ?? before.direction,
          updated_at: nowIso(),
        })
        .where("id", "=", before.id)
        .execute();
      const after = metricView(await this.get(workspace, key, trx));
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor: actor.name,
          action: "metric.updated",
          resourceType: "metric",
          resourceKey: key,
          before: metricView(before),
          after,
        },
        trx,
      );
      return after;
    });
  }

  /** Deletes a metric no experiment uses. */
  async remove(workspace: Workspace, key: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const metric = await this.get(workspace, key, trx);
      const experiments = await trx
        .selectFrom("experiments")
        .select(["key", "primary_metric_id", "secondary_metric_ids"])
        .where("workspace_id", "=", workspace.id)
        .execute();
      const user = experiments.find(
        (e) =>
          e.primary_metric_id === metric.id ||
          fromJson<number[]>(e.secondary_metric_ids).includes(metric.id),
      );
      if (user)
        throw new AppError("conflict", `Metric "${key}" is used by experiment "${user.key}"`);
      await trx.deleteFrom("metrics").where("id", "=", metric.id).execute();
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor: actor.name,
          action: "metric.deleted",
          resourceType: "metric",
          resourceKey: key,
          before: metricView(metric),
          after: null,
        },
        trx,
      );
    });
  }
}
