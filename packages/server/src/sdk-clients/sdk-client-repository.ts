import type { Kysely } from "kysely";
import type { Tables } from "../storage/tables.js";

/** What an SDK client reports: how many items it dropped since it started. */
export interface SdkClientReport {
  clientId: string;
  sdkName: string;
  sdkVersion: string;
  dropped: { impressions: number; events: number };
}

/** Items dropped by the SDK clients of an environment, by SDK and version. */
export interface SdkDrops {
  since: string;
  clients: number;
  impressions: number;
  events: number;
  bySdk: {
    sdkName: string;
    sdkVersion: string;
    clients: number;
    impressions: number;
    events: number;
    lastSeen: string;
  }[];
}

/** How long a client's report is kept and shown. */
export const SDK_CLIENT_DAYS = 7;

/** The SDK clients that dropped items, per environment; each one's latest counters. */
export class SdkClientRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /**
   * Keeps a client's counters. They only grow while it runs, so the larger of the stored and
   * the reported value is kept: a report that arrives late changes nothing.
   */
  async report(environmentId: number, report: SdkClientReport, at: string): Promise<void> {
    await this.db
      .insertInto("sdk_clients")
      .values({
        environment_id: environmentId,
        client_id: report.clientId,
        sdk_name: report.sdkName,
        sdk_version: report.sdkVersion,
        dropped_impressions: report.dropped.impressions,
        dropped_events: report.dropped.events,
        first_seen: at,
        last_seen: at,
      })
      .onConflict((oc) =>
        oc.columns(["environment_id", "client_id"]).doUpdateSet((eb) => ({
          dropped_impressions: eb
            .case()
            .when("sdk_clients.dropped_impressions", "<", eb.ref("excluded.dropped_impressions"))
            .then(eb.ref("excluded.dropped_impressions"))
            .else(eb.ref("sdk_clients.dropped_impressions"))
            .end(),
          dropped_events: eb
            .case()
            .when("sdk_clients.dropped_events", "<", eb.ref("excluded.dropped_events"))
            .then(eb.ref("excluded.dropped_events"))
            .else(eb.ref("sdk_clients.dropped_events"))
            .end(),
          last_seen: eb.ref("excluded.last_seen"),
        })),
      )
      .execute();
  }

  /** What the environment's clients dropped, as reported since `since`. */
  async drops(environmentId: number, since: string): Promise<SdkDrops> {
    const rows = await this.db
      .selectFrom("sdk_clients")
      .select((eb) => [
        "sdk_name",
        "sdk_version",
        eb.fn.countAll<number | string>().as("clients"),
        eb.fn.sum<number | string>("dropped_impressions").as("impressions"),
        eb.fn.sum<number | string>("dropped_events").as("events"),
        eb.fn.max("last_seen").as("last_seen"),
      ])
      .where("environment_id", "=", environmentId)
      .where("last_seen", ">=", since)
      .groupBy(["sdk_name", "sdk_version"])
      .orderBy("sdk_name")
      .orderBy("sdk_version")
      .execute();
    const bySdk = rows.map((r) => ({
      sdkName: r.sdk_name,
      sdkVersion: r.sdk_version,
      clients: Number(r.clients),
      impressions: Number(r.impressions),
      events: Number(r.events),
      lastSeen: r.last_seen,
    }));
    const total = (field: "clients" | "impressions" | "events") =>
      bySdk.reduce((sum, s) => sum + s[field], 0);
    return {
      since,
      clients: total("clients"),
      impressions: total("impressions"),
      events: total("events"),
      bySdk,
    };
  }

  /** Forgets reports older than `before`. */
  async prune(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom("sdk_clients")
      .where("last_seen", "<", before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
