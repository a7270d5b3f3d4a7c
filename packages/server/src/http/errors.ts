/** Error codes of the admin API, each with its one HTTP status. */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  flag_not_found: 404,
  environment_not_found: 404,
  workspace_not_found: 404,
  conflict: 409,
  approval_required: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A field-level problem, named by its JSON path in the request. */
export interface FieldError {
  field: string;
  message: string;
}

/** An expected failure; the error handler turns it into the one JSON error shape. */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly errorCode: ErrorCode,
    message: string,
    readonly details?: FieldError[],
    /** Sent as Retry-After (with rate_limited). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.statusCode = ERROR_STATUS[errorCode];
  }
}

/** The JSON body of every admin API error. */
export interface ErrorBody {
  statusCode: number;
  errorCode: string;
  message: string;
  path: string;
  details?: FieldError[];
}
