import type { Insertable } from "kysely";
import type { RawEventsTable, RawImpressionsTable } from "../storage/tables.js";
import type { Committed } from "./group-commit.js";

/** What a live subscriber wants to see; absent filters match everything. */
export interface TailFilters {
  event?: string | undefined;
  flag?: string | undefined;
  user?: string | undefined;
}

/** A connected live-tail stream. */
export interface TailSubscriber {
  filters: TailFilters;
  write(text: string): void;
  /** Bytes written but not yet sent. */
  buffered(): number;
  close(): void;
}

/** A subscriber that has this much unsent is dropped: it must never slow ingestion. */
const MAX_BUFFERED_BYTES = 1_048_576;

function eventFrame(row: Insertable<RawEventsTable>): string {
  const data = {
    eventKey: row.event_key,
    userKey: row.user_key,
    value: row.value ?? null,
    properties: typeof row.properties === "string" ? JSON.parse(row.properties) : null,
    timestamp: row.timestamp,
    receivedAt: row.received_at,
    source: row.source,
  };
  return `event: event\ndata: ${JSON.stringify(data)}\n\n`;
}

function impressionFrame(row: Insertable<RawImpressionsTable>): string {
  const data = {
    flagKey: row.flag_key,
    userKey: row.user_key,
    value:
      typeof row.flag_value === "string"
        ? (JSON.parse(row.flag_value) as { value: unknown }).value
        : null,
    variantId: row.variant_id ?? null,
    reason: row.reason ?? null,
    timestamp: row.timestamp,
    receivedAt: row.received_at,
    source: row.source,
  };
  return `event: impression\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Live tail of an environment: committed events and impressions go to every subscriber whose
 * filters they pass, one write per subscriber per commit. Slow subscribers are dropped.
 */
export class LiveTail {
  private readonly subscribers = new Map<number, Set<TailSubscriber>>();

  subscribe(environmentId: number, subscriber: TailSubscriber): () => void {
    let set = this.subscribers.get(environmentId);
    if (!set) {
      set = new Set();
      this.subscribers.set(environmentId, set);
    }
    set.add(subscriber);
    return () => {
      set?.delete(subscriber);
    };
  }

  /** Whether anyone watches the environment. */
  watching(environmentId: number): boolean {
    return (this.subscribers.get(environmentId)?.size ?? 0) > 0;
  }

  count(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  publish(committed: Committed): void {
    if (this.subscribers.size === 0) return;
    for (const [environmentId, set] of this.subscribers) {
      if (set.size === 0) continue;
      const events = committed.events.filter((r) => r.environment_id === environmentId);
      const impressions = committed.impressions.filter((r) => r.environment_id === environmentId);
      if (events.length === 0 && impressions.length === 0) continue;
      // Serialise each item once, whatever the number of subscribers.
      const eventFrames = events.map((row) => ({ row, frame: eventFrame(row) }));
      const impressionFrames = impressions.map((row) => ({ row, frame: impressionFrame(row) }));
      for (const subscriber of set) {
        const { event, flag, user } = subscriber.filters;
        let text = "";
        if (flag === undefined) {
          for (const { row, frame } of eventFrames) {
            if (
              (event === undefined || row.event_key === event) &&
              (user === undefined || row.user_key === user)
            )
              text += frame;
          }
        }
        if (event === undefined) {
          for (const { row, frame } of impressionFrames) {
            if (
              (flag === undefined || row.flag_key === flag) &&
              (user === undefined || row.user_key === user)
            )
              text += frame;
          }
        }
        if (text.length === 0) continue;
        if (subscriber.buffered() > MAX_BUFFERED_BYTES) {
          set.delete(subscriber);
          subscriber.close();
        } else {
          subscriber.write(text);
        }
      }
    }
  }

  close(): void {
    for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.close();
    this.subscribers.clear();
  }
}
