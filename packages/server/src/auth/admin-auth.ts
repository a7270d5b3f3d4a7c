import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../http/errors.js";
import type { RequestGuard } from "../http/request-guard.js";
import {
  type Access,
  ROUTE_ACCESS,
  type Role,
  roleAllows,
  type Scope,
  scopeAllows,
} from "./access.js";
import type { AdminTokenRepository } from "./admin-token-repository.js";
import type { People, User } from "./people.js";

/**
 * Who calls the admin API: a signed-in user (session cookie), a user's personal token (acts as
 * them, capped by its scope), a service token (its own role in one workspace), or an instance
 * token (FLAGSYNC_ADMIN_TOKEN and tokens made before roles: they open everything).
 */
export interface Principal {
  /** As the audit log names them. */
  name: string;
  kind: "session" | "personal" | "service" | "instance";
  user?: User;
  tokenId?: number;
  /** A session's id and CSRF token. */
  sessionId?: number;
  csrfToken?: string;
  scope: Scope;
  /** A service token's workspace and role. */
  service?: { workspaceId: number; role: Role };
  /** The caller's role in the route's workspace (a member or a service token). */
  role?: Role;
  /** The only environments this caller may change in the route's workspace (an editor limited to some). */
  limitedTo?: readonly string[];
}

declare module "fastify" {
  interface FastifyRequest {
    admin?: Principal;
  }
}

/** Who makes a change, as services record it. */
export interface Actor {
  /** As the audit log names them. */
  name: string;
  /** The same person or token whatever it is called: `user:<id>`, `token:<id>` (no one may approve their own request). */
  key: string;
  /** The instance token of no one (FLAGSYNC_ADMIN_TOKEN): the break-glass that approvals let through, audited as such. */
  breakGlass: boolean;
}

/** The actor of an admin request. */
export function actorOf(request: { admin?: Principal }): Actor {
  const principal = request.admin;
  if (!principal) return { name: "unknown", key: "unknown", breakGlass: false };
  return {
    name: principal.name,
    key: principal.user
      ? `user:${principal.user.id}`
      : principal.tokenId !== undefined
        ? `token:${principal.tokenId}`
        : principal.name,
    breakGlass: principal.kind === "instance" && !principal.user,
  };
}

/**
 * Refuses a change in `environment` from an editor limited to other environments, for routes
 * whose environment is not in their URL (an experiment's, named in its body or stored with it).
 */
export function assertMayChange(request: { admin?: Principal }, environment: string): void {
  const limited = request.admin?.limitedTo;
  if (limited && !limited.includes(environment))
    throw new AppError(
      "forbidden",
      `Your role (editor) may not change environment "${environment}"`,
    );
}

/**
 * The workspace of a change to a stored resource (an experiment, a change request, a schedule),
 * once the caller may change the resource's environment: looked up only for an editor limited
 * to some environments.
 */
export async function workspaceForChange<W>(
  request: { admin?: Principal },
  workspace: Promise<W>,
  environmentOf: (workspace: W) => Promise<string>,
): Promise<W> {
  const ws = await workspace;
  if (request.admin?.limitedTo) assertMayChange(request, await environmentOf(ws));
  return ws;
}

/** The session cookie's name. */
export const SESSION_COOKIE = "flagsync_session";
/** The header a session's state-changing requests carry their CSRF token in. */
export const CSRF_HEADER = "x-csrf-token";

const tooMany = (seconds: number, message: string) =>
  new AppError("rate_limited", message, undefined, seconds);

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A cookie's value from the Cookie header. */
export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== "string") return undefined;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** What the authorization needs to know of workspaces. */
export interface WorkspaceLookup {
  idOf(key: string): Promise<number | undefined>;
}

/**
 * An onRequest hook (it runs before the body is read) for every admin route: who calls
 * (`Authorization: Bearer <token>` or the session cookie, whose state-changing requests must
 * carry the session's CSRF token), then whether they may (ROUTE_ACCESS; a route without an
 * entry is refused). An address that sent too many wrong credentials is locked out for a while,
 * and one over its budget of refused requests gets 429 without its credentials being looked up.
 */
export function requireAdmin(deps: {
  tokens: AdminTokenRepository;
  people: People;
  workspaces: WorkspaceLookup;
  guard: RequestGuard;
}) {
  const { tokens, people, workspaces, guard } = deps;
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const locked = guard.signInLockedFor(request);
    if (locked > 0)
      throw tooMany(locked, "Too many wrong credentials from this address; try again later");
    const header = request.headers.authorization;
    const bearer = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const cookie = bearer ? undefined : cookieOf(request, SESSION_COOKIE);
    if (!bearer && !cookie) {
      const wait = guard.refused(request, "admin_token_missing");
      if (wait > 0) throw tooMany(wait, "Too many requests without credentials");
      throw new AppError(
        "unauthorized",
        "Sign in, or send an admin token as Authorization: Bearer <token>",
      );
    }
    const wait = guard.lookupWait(request);
    if (wait > 0) throw tooMany(wait, "Too many refused requests from this address");
    const principal = bearer ? await tokenPrincipal(bearer) : await sessionPrincipal(cookie ?? "");
    if (!principal) {
      const lockout = guard.signInFailed(request);
      const over = guard.refused(request, "admin_token_invalid");
      if (lockout > 0)
        throw tooMany(lockout, "Too many wrong credentials from this address; try again later");
      if (over > 0) throw tooMany(over, "Too many refused requests from this address");
      throw new AppError(
        "unauthorized",
        bearer ? "The admin token is unknown, expired or revoked" : "The session has ended",
      );
    }
    guard.signInSucceeded(request);
    if (principal.kind === "session" && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (sent !== principal.csrfToken)
        throw new AppError("forbidden", `A signed-in change needs the session's ${CSRF_HEADER}`);
    }
    request.admin = principal;
    await authorize(request, principal);
  };

  async function tokenPrincipal(secret: string): Promise<Principal | undefined> {
    const token = await tokens.identify(secret);
    if (!token) return undefined;
    const scope = (token.scope ?? "admin") as Scope;
    if (token.userId !== null) {
      const user = await people.get(token.userId);
      if (!user?.active) return undefined;
      return {
        name: `${user.email} (token ${token.name})`,
        kind: "personal",
        user,
        tokenId: token.id,
        scope,
      };
    }
    if (token.role !== null && token.workspaceId !== null)
      return {
        name: `service token ${token.name}`,
        kind: "service",
        tokenId: token.id,
        scope,
        service: { workspaceId: token.workspaceId, role: token.role as Role },
      };
    return { name: token.name, kind: "instance", tokenId: token.id, scope };
  }

  async function sessionPrincipal(secret: string): Promise<Principal | undefined> {
    const session = await people.session(secret);
    if (!session) return undefined;
    return {
      name: session.user.email,
      kind: "session",
      user: session.user,
      sessionId: session.id,
      csrfToken: session.csrfToken,
      scope: "admin",
    };
  }

  async function authorize(request: FastifyRequest, principal: Principal): Promise<void> {
    const access = ROUTE_ACCESS[`${request.method} ${request.routeOptions.url}`];
    if (!access) throw new AppError("forbidden", "No one may call this route");
    if (!scopeAllows(principal.scope, access))
      throw new AppError("forbidden", `This token's scope (${principal.scope}) does not allow it`);
    const instance = principal.kind === "instance" || principal.user?.instanceAdmin === true;
    if (access === "signedIn") return;
    if (access === "account") {
      if (principal.kind !== "session")
        throw new AppError(
          "forbidden",
          "Your own account (password, tokens, sessions) is changed signed in, not with a token",
        );
      return;
    }
    if (access === "instance") {
      if (!instance) throw new AppError("forbidden", "Only an instance administrator may do this");
      return;
    }
    if (instance) return;
    const params = request.params as { ws?: string; env?: string };
    const workspaceId = params.ws === undefined ? undefined : await workspaces.idOf(params.ws);
    const role = workspaceId === undefined ? undefined : await roleIn(principal, workspaceId);
    if (!role)
      throw new AppError("forbidden", `You are not a member of workspace "${params.ws ?? ""}"`);
    if (
      !roleAllows(
        role.role,
        role.environments,
        access as Exclude<Access, "signedIn" | "account" | "instance">,
        params.env,
      )
    )
      throw new AppError(
        "forbidden",
        params.env !== undefined && access === "edit" && role.role === "editor"
          ? `Your role (editor) may not change environment "${params.env}"`
          : `Your role (${role.role}) may not do this`,
      );
    principal.role = role.role;
    if (access === "edit" && role.role === "editor" && role.environments)
      principal.limitedTo = role.environments;
  }

  async function roleIn(
    principal: Principal,
    workspaceId: number,
  ): Promise<{ role: Role; environments: string[] | null } | undefined> {
    if (principal.service)
      return principal.service.workspaceId === workspaceId
        ? { role: principal.service.role, environments: null }
        : undefined;
    if (!principal.user) return undefined;
    const membership = await people.membership(workspaceId, principal.user.id);
    return membership && { role: membership.role, environments: membership.environments };
  }
}
