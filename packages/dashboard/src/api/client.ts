import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.js";

/** The admin API's error body (every 4xx and 5xx). */
export type ApiError = components["schemas"]["def-0"];

const TOKEN_KEY = "flagsync.adminToken";

/**
 * The admin token of this browser (localStorage: every tab of the dashboard is signed in, until
 * one signs out).
 */
export const session = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  signIn: (token: string): void => localStorage.setItem(TOKEN_KEY, token),
  signOut: (): void => localStorage.removeItem(TOKEN_KEY),
  /** Tells when another tab signed in (true) or out (false). */
  onOtherTab(listener: (signedIn: boolean) => void): () => void {
    const onStorage = (event: StorageEvent) => {
      if (event.key === TOKEN_KEY || event.key === null) listener(event.newValue !== null);
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  },
};

/** Listeners told when the API refuses the token (expired or revoked): the app signs out. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set("authorization", `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
    return response;
  },
};

/** Typed calls to the admin API, checked against the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** Thrown by `must` for an API error, carrying the error body for display next to fields. */
export class ApiFailure extends Error {
  constructor(readonly body: ApiError) {
    super(body.message);
  }

  /** The messages of the fields under a path prefix, e.g. `body.rollout`. */
  fieldMessage(prefix: string): string | undefined {
    const messages = (this.body.details ?? [])
      .filter(
        (d) =>
          d.field === prefix ||
          d.field.startsWith(`${prefix}.`) ||
          d.field.startsWith(`${prefix}[`),
      )
      .map((d) => d.message);
    return messages.length > 0 ? messages.join("; ") : undefined;
  }
}

/** The data of a call, or an ApiFailure with the server's error body. */
export async function must<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    const body = (error ?? {}) as Partial<ApiError>;
    throw new ApiFailure({
      statusCode: body.statusCode ?? response.status,
      errorCode: body.errorCode ?? "error",
      message: body.message ?? response.statusText,
      path: body.path ?? "",
      ...(body.details ? { details: body.details } : {}),
    });
  }
  return data as T;
}
