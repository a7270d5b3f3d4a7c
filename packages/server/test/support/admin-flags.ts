import type { Flag } from "@flagsync-oss/core";
import type { TestServer } from "./test-server.js";

/**
 * Makes core-model flags (e.g. testkit's generated ones) on a test server through the admin API,
 * each with its state in development, four at a time. Throws on any answer but success.
 */
export async function makeFlags(server: TestServer, flags: readonly Flag[]): Promise<void> {
  const make = async (flag: Flag) => {
    const made = await server.admin("POST", "/api/v1/workspaces/default/flags", {
      key: flag.key,
      type: flag.type,
      variants: flag.variants.map((v) => ({ key: v.key, value: v.value })),
    });
    if (made.status !== 201) throw new Error(`${flag.key}: ${JSON.stringify(made.body)}`);
    const keyOf = (id: number) => flag.variants.find((v) => v.id === id)?.key as string;
    const state = await server.admin(
      "PATCH",
      `/api/v1/workspaces/default/flags/${flag.key}/environments/development`,
      {
        enabled: flag.state.enabled,
        onVariant: keyOf(flag.state.onVariantId),
        offVariant: keyOf(flag.state.offVariantId),
        seed: flag.state.seed,
        rules: flag.state.rules.map((r) => ({
          name: r.name ?? "",
          variant: keyOf(r.variantId),
          clauses: r.clauses,
        })),
        rollout: flag.state.rollout.map((e) => ({
          variant: keyOf(e.variantId),
          percentage: e.percentage,
        })),
      },
    );
    if (state.status !== 200) throw new Error(`${flag.key}: ${JSON.stringify(state.body)}`);
  };
  await Promise.all(
    [0, 1, 2, 3].map(async (lane) => {
      for (const flag of flags.filter((_, i) => i % 4 === lane)) await make(flag);
    }),
  );
}

/** How many events of a key the server stored. */
export async function storedEvents(server: TestServer, eventKey: string): Promise<number> {
  const row = await server.database.db
    .selectFrom("raw_events")
    .select(({ fn }) => fn.countAll<number>().as("n"))
    .where("event_key", "=", eventKey)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
