import { Type } from "typebox";
import { AppError } from "../http/errors.js";
import { type App, errorResponses } from "../http/route-context.js";
import { isPropertyPath, PROPERTY_PATH_MAX_LENGTH } from "../storage/json-paths.js";
import { EnvironmentParams } from "../workspaces/workspace-schemas.js";
import type { WorkspaceService } from "../workspaces/workspace-service.js";
import type { EventCatalog } from "./event-catalog.js";
import type { ExposureKey, ExposureView, RawQuery } from "./event-query.js";
import type { LiveTail } from "./live-tail.js";
import type { RawDataReader } from "./raw-data-reader.js";
import { EXPORT_PAGE_ROWS, streamExport } from "./raw-export.js";

const CatalogEntrySchema = Type.Object({
  eventKey: Type.String(),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  total: Type.Integer(),
  last24h: Type.Integer({
    description: "Events received in the current and the previous 23 hours",
  }),
  value: Type.Union([
    Type.Object({
      count: Type.Integer(),
      min: Type.Number(),
      max: Type.Number(),
      mean: Type.Number(),
    }),
    Type.Null(),
  ]),
  properties: Type.Record(
    Type.String(),
    Type.Object({ types: Type.Array(Type.String()), examples: Type.Array(Type.Unknown()) }),
  ),
});

const listFields = {
  from: Type.Optional(
    Type.String({ format: "date-time", description: "Timestamps at or after (ISO 8601)" }),
  ),
  to: Type.Optional(
    Type.String({ format: "date-time", description: "Timestamps before (ISO 8601)" }),
  ),
  key: Type.Optional(
    Type.String({
      maxLength: 200,
      description: "Event key (events) or flag key (impressions, exposures)",
    }),
  ),
  user: Type.Optional(Type.String({ maxLength: 512 })),
  variant: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: "Variant id; 0 is unknown" }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  after: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: "The `next` of the previous page",
    }),
  ),
  format: Type.Optional(
    Type.Union([Type.Literal("json"), Type.Literal("ndjson"), Type.Literal("csv")], {
      description: "ndjson and csv stream every matching row",
    }),
  ),
};

/** The list filters of a kind; exposures page by an opaque cursor, the others by id. */
function listQuery(kind: Kind) {
  const after =
    kind === "exposures"
      ? Type.Optional(
          Type.String({ maxLength: 2048, description: "The `next` of the previous page" }),
        )
      : listFields.after;
  return Type.Object(
    { ...listFields, after },
    {
      additionalProperties: Type.String({ maxLength: 1000 }),
      description: "Events also take prop.<path>=<value> filters, e.g. prop.cart.total=30",
    },
  );
}

const Timestamp = Type.String({ description: "ISO 8601, UTC" });
const ROW_SCHEMAS = {
  events: Type.Object({
    id: Type.Integer(),
    eventKey: Type.String(),
    userKey: Type.String(),
    value: Type.Union([Type.Number(), Type.Null()]),
    properties: Type.Unknown(),
    context: Type.Unknown(),
    timestamp: Timestamp,
    receivedAt: Timestamp,
    clientId: Type.Union([Type.String(), Type.Null()]),
    source: Type.String(),
  }),
  impressions: Type.Object({
    id: Type.Integer(),
    flagKey: Type.String(),
    userKey: Type.String(),
    value: Type.Unknown(),
    variantId: Type.Union([Type.Integer(), Type.Null()]),
    reason: Type.Union([Type.String(), Type.Null()]),
    context: Type.Unknown(),
    timestamp: Timestamp,
    receivedAt: Timestamp,
    source: Type.String(),
  }),
  exposures: Type.Object({
    flagKey: Type.String(),
    userKey: Type.String(),
    variantId: Type.Integer({ description: "0 is unknown" }),
    firstAt: Timestamp,
  }),
};

type Kind = "events" | "impressions" | "exposures";
type Row = Record<string, unknown>;

const CSV_COLUMNS: Record<Kind, string[]> = {
  events: [
    "id",
    "timestamp",
    "eventKey",
    "userKey",
    "value",
    "properties",
    "clientId",
    "source",
    "receivedAt",
  ],
  impressions: [
    "id",
    "timestamp",
    "flagKey",
    "userKey",
    "value",
    "variantId",
    "reason",
    "source",
    "receivedAt",
  ],
  exposures: ["flagKey", "userKey", "variantId", "firstAt"],
};

/** The cursor after an exposure: its key, as base64url JSON. */
function exposureCursor({ flagKey, userKey, variantId }: ExposureKey): string {
  return Buffer.from(JSON.stringify([flagKey, userKey, variantId])).toString("base64url");
}

function parseExposureCursor(cursor: string): ExposureKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(key) &&
      key.length === 3 &&
      typeof key[0] === "string" &&
      typeof key[1] === "string" &&
      Number.isInteger(key[2])
    )
      return { flagKey: key[0], userKey: key[1], variantId: key[2] as number };
  } catch {
    // Not base64url JSON: refused below like any other bad cursor.
  }
  throw new AppError("validation_failed", "Invalid after: not the next of a previous page", [
    { field: "query.after", message: "must be the next of a previous page" },
  ]);
}

/** Discovered events, and the raw events, impressions and exposures of an environment. */
export function registerEventRoutes(
  app: App,
  deps: {
    catalog: EventCatalog;
    query: RawDataReader;
    tail: LiveTail;
    workspaces: WorkspaceService;
    heartbeatSeconds: number;
  },
): void {
  const tags = ["events"];
  app.get(
    "/api/v1/workspaces/:ws/environments/:env/live",
    {
      schema: {
        tags,
        description:
          "Server-sent events: `event` and `impression` messages as they are committed. Slow readers are disconnected.",
        params: EnvironmentParams,
        querystring: Type.Object(
          {
            event: Type.Optional(Type.String({ maxLength: 200 })),
            flag: Type.Optional(Type.String({ maxLength: 200 })),
            user: Type.Optional(Type.String({ maxLength: 512 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const ws = await deps.workspaces.requireWorkspace(request.params.ws);
      const env = await deps.workspaces.requireEnvironment(ws, request.params.env);
      reply.hijack();
      reply.raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
      });
      reply.raw.write(": live\n\n");
      request.raw.resume();
      const res = reply.raw;
      const unsubscribe = deps.tail.subscribe(env.id, {
        filters: request.query,
        write: (text) => {
          if (!res.destroyed) res.write(text);
        },
        buffered: () => res.writableLength,
        close: () => res.destroy(),
      });
      const heartbeat = setInterval(() => {
        if (!res.destroyed) res.write(": ping\n\n");
      }, deps.heartbeatSeconds * 1000);
      res.on("close", () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
  app.get(
    "/api/v1/workspaces/:ws/environments/:env/event-catalog",
    {
      schema: {
        tags,
        params: EnvironmentParams,
        response: {
          200: Type.Object({ events: Type.Array(CatalogEntrySchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ws = await deps.workspaces.requireWorkspace(request.params.ws);
      const env = await deps.workspaces.requireEnvironment(ws, request.params.env);
      return { events: await deps.catalog.list(env.id) };
    },
  );

  app.get(
    "/api/v1/workspaces/:ws/environments/:env/users/:user/last-context",
    {
      schema: {
        tags,
        summary: "A user's context as their latest impression carried it",
        description:
          'The key, attributes (and address, country) an SDK last sent for this user with an impression in the environment, the flag and the time: what "why did this user get that?" evaluates for a user seen here.',
        params: Type.Object({
          ws: Type.String({ maxLength: 64 }),
          env: Type.String({ maxLength: 64 }),
          user: Type.String({ minLength: 1, maxLength: 512 }),
        }),
        response: {
          200: Type.Object({
            context: Type.Object({
              key: Type.String(),
              attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
              bucketingKey: Type.Optional(Type.String()),
              ip: Type.Optional(Type.String()),
              country: Type.Optional(Type.String()),
            }),
            flag: Type.String({ description: "The flag of that impression" }),
            seenAt: Type.String({ format: "date-time" }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ws = await deps.workspaces.requireWorkspace(request.params.ws);
      const env = await deps.workspaces.requireEnvironment(ws, request.params.env);
      const seen = await deps.query.lastContext(env.id, request.params.user);
      if (!seen)
        throw new AppError(
          "not_found",
          `No impression of user "${request.params.user}" in environment "${env.key}"`,
        );
      return { context: seen.context, flag: seen.flagKey, seenAt: seen.timestamp };
    },
  );

  for (const kind of ["events", "impressions", "exposures"] as const) {
    const page = (q: RawQuery): Promise<Row[]> =>
      deps.query[kind](q) as Promise<unknown[]> as Promise<Row[]>;
    const nextOf = (rows: Row[]): number | string =>
      kind === "exposures"
        ? exposureCursor(rows[rows.length - 1] as unknown as ExposureView)
        : Number(rows[rows.length - 1]?.id);
    /** The query continuing after `after`, a `next` of this kind (or none: from the start). */
    const continuing = (q: RawQuery, after: number | string | undefined): RawQuery =>
      after === undefined
        ? q
        : kind === "exposures"
          ? { ...q, afterExposure: parseExposureCursor(String(after)) }
          : { ...q, after: Number(after) };
    app.get(
      `/api/v1/workspaces/:ws/environments/:env/${kind}`,
      {
        schema: {
          tags,
          params: EnvironmentParams,
          querystring: listQuery(kind),
          // The JSON page; ndjson and csv stream the rows in these shapes.
          response: {
            200: Type.Object({
              [kind]: Type.Array(ROW_SCHEMAS[kind]),
              next: Type.Union(
                [kind === "exposures" ? Type.String() : Type.Integer(), Type.Null()],
                { description: "Pass as `after` for the next page; null on the last" },
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const ws = await deps.workspaces.requireWorkspace(request.params.ws);
        const env = await deps.workspaces.requireEnvironment(ws, request.params.env);
        const {
          from,
          to,
          key,
          user,
          variant,
          limit = 100,
          after,
          format = "json",
          ...rest
        } = request.query as Record<string, unknown> & { limit?: number; format?: string };
        const properties: [string, string][] = [];
        for (const [name, value] of Object.entries(rest)) {
          if (!name.startsWith("prop.") || kind !== "events" || name.length === 5) {
            throw new AppError("validation_failed", `Unknown filter "${name}"`, [
              { field: `query.${name}`, message: "is not a known filter" },
            ]);
          }
          const path = name.slice(5);
          if (!isPropertyPath(path)) {
            const message = `must name a property path: 1 to 8 keys joined by dots, without empty keys, quotes, backslashes or control characters, at most ${PROPERTY_PATH_MAX_LENGTH} characters`;
            throw new AppError("validation_failed", `Invalid filter "${name}": ${message}`, [
              { field: `query.${name}`, message },
            ]);
          }
          properties.push([path, String(value)]);
        }
        const base: RawQuery = {
          environmentId: env.id,
          from: from as string | undefined,
          to: to as string | undefined,
          key: key as string | undefined,
          user: user as string | undefined,
          variant: variant as number | undefined,
          properties,
          limit,
        };
        const query = continuing(base, after as number | string | undefined);
        if (format === "json") {
          const rows = await page(query);
          return reply.send({
            [kind]: rows,
            next: rows.length === limit ? nextOf(rows) : null,
          });
        }
        // Streaming export of every matching row, page by page.
        await streamExport(request, reply, {
          format:
            format === "csv" ? { kind: "csv", columns: CSV_COLUMNS[kind] } : { kind: "ndjson" },
          contentDisposition: `attachment; filename="${env.key}-${kind}.${format}"`,
          page: (last) => {
            if (!last) return page({ ...query, limit: EXPORT_PAGE_ROWS });
            const next = continuing({ ...query, limit: EXPORT_PAGE_ROWS }, nextOf([last]));
            // In time order the next page starts after this row's timestamp: no need to look it up.
            return page(
              kind !== "exposures" && typeof last.timestamp === "string"
                ? { ...next, afterTimestamp: last.timestamp }
                : next,
            );
          },
        });
      },
    );
  }
}
