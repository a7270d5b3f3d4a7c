import type { Kysely, Migration } from "kysely";
import { type Dialect, fromJson, jsonType, toJson } from "../dialects.js";

/**
 * Phases of experiments and a settable end of their analysis window. A phase begins when the
 * experiment starts, when a change to its flag's rollout, seed or rules in its environment is
 * accepted while it runs, or when its analysis is restarted; results are per phase, and SRM
 * uses the phase's expected split. Experiments that started before phases existed get their
 * one phase from their start and traffic.
 */
export function experimentPhasesMigration(dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable("experiments")
        .addColumn("phases", jsonType(dialect), (c) => c.notNull().defaultTo("[]"))
        .execute();
      await db.schema.alterTable("experiments").addColumn("analysis_end", "text").execute();
      const started = await db
        .selectFrom("experiments")
        .select(["id", "started_at", "traffic"])
        .where("started_at", "is not", null)
        .execute();
      for (const row of started) {
        const phase = {
          startedAt: row.started_at,
          traffic: fromJson(row.traffic),
          reason: "Started",
        };
        await db
          .updateTable("experiments")
          .set({ phases: toJson([phase]) })
          .where("id", "=", row.id)
          .execute();
      }
    },
  };
}
