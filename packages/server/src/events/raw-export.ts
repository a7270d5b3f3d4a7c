import type { FastifyReply, FastifyRequest } from "fastify";
import { pathOf } from "../http/error-handler.js";
import type { ErrorBody } from "../http/errors.js";

type Row = Record<string, unknown>;

/** Rows per page read while exporting. */
export const EXPORT_PAGE_ROWS = 1000;

/** How an export is written: NDJSON (one JSON row per line) or CSV with the given columns. */
export type ExportFormat = { kind: "ndjson" } | { kind: "csv"; columns: string[] };

/**
 * What a spreadsheet may read as the start of a formula (`=`, `+`, `-`, `@`) or of another cell
 * (tab, carriage return) when a CSV export is opened.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV cell. A string that could start a formula gets a leading `'` (formula injection: a
 * user key `=HYPERLINK(…)` must not run in the spreadsheet of whoever opens the export). Only
 * strings: numbers (`-5`) stay numbers, so a string "-5" and the number -5 read differently.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes, waiting for the socket to drain so a slow reader never fills memory. */
function write(reply: FastifyReply, text: string): Promise<void> {
  const res = reply.raw;
  if (res.write(text)) return Promise.resolve();
  // A reader that goes away never drains: its close ends the wait too.
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Streams every row that `page` gives, page after page (`page(last)` reads the page after the
 * row `last`), until a short page. The first page is read before the answer begins, so its
 * failure is an ordinary error response; a later page that fails ends the response so that the
 * client can tell: NDJSON with a last line `{"error": {statusCode, errorCode, message, path}}`,
 * CSV (which has no place for it) by aborting the chunked response, which the client sees as an
 * incomplete transfer.
 */
export async function streamExport(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    format: ExportFormat;
    contentDisposition: string;
    page: (after: Row | undefined) => Promise<Row[]>;
  },
): Promise<void> {
  const { format } = options;
  // Read before anything is sent: a failure now is answered like any other (500, one shape).
  let rows = await options.page(undefined);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    "content-type": format.kind === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson",
    "content-disposition": options.contentDisposition,
  });
  let written = 0;
  try {
    if (format.kind === "csv") await write(reply, `${format.columns.join(",")}\n`);
    while (!res.destroyed && rows.length > 0) {
      const text = rows
        .map((row) =>
          format.kind === "csv"
            ? format.columns.map((c) => csvCell(row[c])).join(",")
            : JSON.stringify(row),
        )
        .join("\n");
      await write(reply, `${text}\n`);
      written += rows.length;
      if (rows.length < EXPORT_PAGE_ROWS) break;
      rows = await options.page(rows[rows.length - 1]);
    }
    res.end();
  } catch (error) {
    request.log.error({ err: error, rows: written }, "export failed");
    if (res.destroyed) return;
    if (format.kind === "csv") {
      res.destroy();
      return;
    }
    const body: ErrorBody = {
      statusCode: 500,
      errorCode: "internal",
      message: `The export failed after ${written} rows: it is incomplete`,
      path: pathOf(request.url),
    };
    res.end(`${JSON.stringify({ error: body })}\n`);
  }
}
