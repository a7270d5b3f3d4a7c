import type { EvaluationContext } from "@flagsync-oss/core";
import secureJson from "secure-json-parse";
import { UNSTORABLE_MESSAGE, unstorableField } from "../http/storable.js";
import { checkContext } from "../sdk-api/context.js";
import type { SdkProblem } from "../sdk-api/sdk-errors.js";
import { validateEvent } from "./event-validation.js";
import {
  type EventRow,
  type GroupWriter,
  storedEvents,
  type Work,
  type WorkResult,
} from "./group-commit.js";

/** Most items one batch may carry. */
export const MAX_BATCH_ITEMS = 10_000;

/** An item of a batch that was not kept, by its index in the batch. */
export interface Rejection {
  index: number;
  reason: string;
}

/**
 * A request's events as the client sent them (JSON text). The writer parses and validates them,
 * off the thread that serves HTTP, which then only moves bytes.
 */
export interface EventBatch {
  text: string;
  environmentId: number;
  source: "server" | "client";
  /** When the request arrived (ms since epoch): the received time of its events. */
  receivedAt: number;
  retentionDays: number;
  /** Whether to send the stored rows back (someone is watching the live tail). */
  returnRows: boolean;
}

/** The items of a batch body; the request is refused when they are not an array or too many. */
export function itemsOf(
  body: unknown,
  field: "events" | "impressions",
): { items: unknown[] } | { problem: SdkProblem } {
  const items = (body as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(items))
    return {
      problem: {
        statusCode: 400,
        errorCode: "INVALID_CONFIGURATION",
        message: `${field} must be an array`,
      },
    };
  if (items.length > MAX_BATCH_ITEMS)
    return {
      problem: {
        statusCode: 413,
        errorCode: "INVALID_CONFIGURATION",
        message: `${field} holds more than ${MAX_BATCH_ITEMS} items`,
      },
    };
  return { items };
}

/**
 * The items of a batch and, from a client SDK, its shared context (the request is refused whole
 * when it cannot be stored).
 */
export function batchOf(
  body: unknown,
  field: "events" | "impressions",
  source: "server" | "client",
): { items: unknown[]; shared?: EvaluationContext } | { problem: SdkProblem } {
  const checked = itemsOf(body, field);
  if ("problem" in checked || source === "server") return checked;
  const shared = checkContext((body as { context?: unknown }).context, "context");
  if ("problem" in shared) return shared;
  const unstorable = unstorableField(shared.context);
  if (unstorable !== undefined)
    return {
      problem: {
        statusCode: 400,
        errorCode: "INVALID_CONFIGURATION",
        message: `context${unstorable} ${UNSTORABLE_MESSAGE}`,
      },
    };
  return { items: checked.items, shared: shared.context };
}

/** The rows of a parsed events body: each valid item becomes a row, the others are reported. */
export function eventRows(
  body: unknown,
  batch: Omit<EventBatch, "text" | "returnRows">,
): { rows: EventRow[]; rejected: Rejection[] } | { refusal: SdkProblem } {
  const checked = batchOf(body, "events", batch.source);
  if ("problem" in checked) return { refusal: checked.problem };
  const { items, shared } = checked;
  const received = new Date(batch.receivedAt).toISOString();
  const rejected: Rejection[] = [];
  const rows: EventRow[] = [];
  items.forEach((item, index) => {
    try {
      const event = validateEvent(item, shared, index, batch.receivedAt, batch.retentionDays);
      rows.push({
        environment_id: batch.environmentId,
        event_key: event.eventKey,
        user_key: event.userKey,
        value: event.value,
        properties: event.propertiesJson,
        context: event.contextJson,
        timestamp: new Date(event.timestamp).toISOString(),
        received_at: received,
        source: batch.source,
        client_id: event.clientId,
      });
    } catch (error) {
      rejected.push({ index, reason: error instanceof Error ? error.message : "invalid" });
    }
  });
  return { rows, rejected };
}

/**
 * Parses and validates a batch as the JSON endpoints do: prototype-poisoning keys refuse the
 * body like any other body that is not JSON; a body without an events array is refused whole.
 */
export function prepareEventBatch(
  batch: EventBatch,
): { rows: EventRow[]; rejected: Rejection[] } | { refusal: SdkProblem } {
  let body: unknown;
  try {
    body = secureJson.parse(batch.text, undefined, {
      protoAction: "error",
      constructorAction: "error",
    });
  } catch {
    return {
      refusal: {
        statusCode: 400,
        errorCode: "INVALID_CONFIGURATION",
        message: "The request is not valid JSON",
      },
    };
  }
  return eventRows(body, batch);
}

/**
 * A group writer that first turns each event batch of a group into rows (parse, validate), then
 * hands the group to the writer that stores it, and answers each batch with what became of its
 * items. Runs where the writer runs: on the writer thread, so parsing takes no time from HTTP.
 */
export class PreparingWriter implements GroupWriter {
  readonly pipelineDepth: number;

  constructor(private readonly inner: GroupWriter) {
    this.pipelineDepth = inner.pipelineDepth;
  }

  async write(group: readonly Work[]): Promise<WorkResult[]> {
    const prepared = group.map((work) =>
      work.eventBatch ? prepareEventBatch(work.eventBatch) : undefined,
    );
    const rows = group.map((work, i): Work => {
      const batch = prepared[i];
      if (!batch) return work;
      const { eventBatch: _, ...rest } = work;
      return { ...rest, events: "rows" in batch ? batch.rows : [] };
    });
    const results = await this.inner.write(rows);
    return results.map((result, i) => {
      const batch = prepared[i];
      if (!batch) return result;
      if ("refusal" in batch) return { ...result, refusal: batch.refusal };
      return {
        ...result,
        accepted: batch.rows.length,
        rejected: batch.rejected,
        ...(group[i]?.eventBatch?.returnRows
          ? { stored: storedEvents(rows[i] as Work, result) }
          : {}),
      };
    });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
