import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.js";

/** The admin API's error body (every 4xx and 5xx). */
export type ApiError = components["schemas"]["def-0"];

const TOKEN_KEY = "flagsync.adminToken";
/** A signed-in person's CSRF token (the session itself is an httpOnly cookie). */
const CSRF_KEY = "flagsync.csrfToken";

/**
 * How this browser is signed in: an admin token, or a person's session (an httpOnly cookie the
 * browser sends, and its CSRF token, sent with every request). Kept in localStorage: every tab
 * of the dashboard is signed in, until one signs out.
 */
export const session = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  csrfToken: (): string | null => localStorage.getItem(CSRF_KEY),
  signedIn: (): boolean =>
    localStorage.getItem(TOKEN_KEY) !== null || localStorage.getItem(CSRF_KEY) !== null,
  signIn: (token: string): void => localStorage.setItem(TOKEN_KEY, token),
  /** A person signed in (password or single sign-on): the session cookie is set. */
  signInPerson: (csrfToken: string): void => localStorage.setItem(CSRF_KEY, csrfToken),
  signOut: (): void => {
    const csrf = localStorage.getItem(CSRF_KEY);
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(CSRF_KEY);
    // Ends the session on the server too (the cookie is httpOnly).
    if (csrf)
      void fetch("/api/v1/me/sign-out", { method: "POST", headers: { "x-csrf-token": csrf } });
  },
  /** Forgets the sign-in here only (the server already ended the session). */
  forget: (): void => {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(CSRF_KEY);
  },
  /** Tells when another tab signed in (true) or out (false). */
  onOtherTab(listener: (signedIn: boolean) => void): () => void {
    const onStorage = (event: StorageEvent) => {
      if (event.key === TOKEN_KEY || event.key === CSRF_KEY || event.key === null)
        listener(session.signedIn());
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  },
};

/**
 * A session the browser already holds (back from single sign-on, or another tab's): kept when
 * the server knows it. True when signed in so.
 */
export async function resumeSession(): Promise<boolean> {
  const response = await fetch("/api/v1/session").catch(() => undefined);
  if (!response?.ok) return false;
  const live = (await response.json()) as { csrfToken?: string | null };
  if (!live.csrfToken) return false;
  session.signInPerson(live.csrfToken);
  return true;
}

/** Listeners told when the API refuses the token (expired or revoked): the app signs out. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    const csrf = session.csrfToken();
    if (token) request.headers.set("authorization", `Bearer ${token}`);
    else if (csrf) request.headers.set("x-csrf-token", csrf);
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
