// Who may call which admin route: one table, read by the authorization hook and by the test
// that calls every route as every kind of caller. A route missing from the table is refused.

/** Roles in a workspace, from most to least powerful. */
export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** What a token may do at most: read (GET), write (and change resources), admin (everything). */
export const SCOPES = ["read", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What a route needs:
 * - `signedIn`: any caller who signed in (who they are, the workspaces they belong to);
 * - `account`: a change to the caller's own account (password, personal tokens, sessions): a
 *   person signed in, never a token (a leaked token cannot make itself another, wider one);
 * - `view`: a member of the route's workspace (viewers see everything, change nothing);
 * - `edit`: an editor (flags, metrics, experiments; an editor limited to some environments may
 *   change only those);
 * - `manage`: an admin of the workspace (members, environments, SDK keys, the workspace);
 * - `own`: an owner (deleting the workspace);
 * - `instance`: an instance administrator (admin tokens, new workspaces, users).
 */
export type Access = "signedIn" | "account" | "view" | "edit" | "manage" | "own" | "instance";

/** The least role each workspace access needs. */
const LEAST_ROLE: Record<Exclude<Access, "signedIn" | "account" | "instance">, Role> = {
  view: "viewer",
  edit: "editor",
  manage: "admin",
  own: "owner",
};

/** The least scope a token needs for each access. */
const LEAST_SCOPE: Record<Access, Scope> = {
  signedIn: "read",
  account: "admin",
  view: "read",
  edit: "write",
  manage: "admin",
  own: "admin",
  instance: "admin",
};

/** Whether `role` is at least `least`. */
export function roleAtLeast(role: Role, least: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(least);
}

/** Whether a token of `scope` may be used for `access`. */
export function scopeAllows(scope: Scope, access: Access): boolean {
  return SCOPES.indexOf(scope) >= SCOPES.indexOf(LEAST_SCOPE[access]);
}

/** Whether a member of `role` (limited to `environments`, or all: null) has `access`, in `environment` when the route names one. */
export function roleAllows(
  role: Role,
  environments: readonly string[] | null,
  access: Exclude<Access, "signedIn" | "account" | "instance">,
  environment: string | undefined,
): boolean {
  if (!roleAtLeast(role, LEAST_ROLE[access])) return false;
  // Only an editor's changes are limited by environment.
  if (access === "edit" && role === "editor" && environments && environment !== undefined)
    return environments.includes(environment);
  return true;
}

/** Every admin route, by method and URL as registered, and what it needs. */
export const ROUTE_ACCESS: Record<string, Access> = {
  // Account and sign-in (the sign-in route itself is public).
  "GET /api/v1/me": "signedIn",
  "POST /api/v1/me/sign-out": "signedIn",
  "POST /api/v1/me/sign-out-everywhere": "account",
  "PUT /api/v1/me/password": "account",
  "GET /api/v1/me/sessions": "signedIn",
  "DELETE /api/v1/me/sessions/:id": "account",
  "GET /api/v1/me/tokens": "signedIn",
  "POST /api/v1/me/tokens": "account",
  "DELETE /api/v1/me/tokens/:id": "account",
  // Instance administration.
  "GET /api/v1/admin-tokens": "instance",
  "POST /api/v1/admin-tokens": "instance",
  "DELETE /api/v1/admin-tokens/:id": "instance",
  "GET /api/v1/users": "instance",
  "POST /api/v1/users": "instance",
  "POST /api/v1/users/:id/deactivate": "instance",
  "PUT /api/v1/users/:id/password": "instance",
  "GET /api/v1/workspaces": "signedIn",
  "POST /api/v1/workspaces": "instance",
  // A workspace.
  "GET /api/v1/workspaces/:ws": "view",
  "PATCH /api/v1/workspaces/:ws": "manage",
  "DELETE /api/v1/workspaces/:ws": "own",
  "GET /api/v1/workspaces/:ws/audit": "view",
  "GET /api/v1/workspaces/:ws/members": "view",
  "PUT /api/v1/workspaces/:ws/members/:user": "manage",
  "DELETE /api/v1/workspaces/:ws/members/:user": "manage",
  "GET /api/v1/workspaces/:ws/invitations": "manage",
  "POST /api/v1/workspaces/:ws/invitations": "manage",
  "DELETE /api/v1/workspaces/:ws/invitations/:id": "manage",
  "GET /api/v1/workspaces/:ws/environments": "view",
  "POST /api/v1/workspaces/:ws/environments": "manage",
  "GET /api/v1/workspaces/:ws/environments/:env": "view",
  "PATCH /api/v1/workspaces/:ws/environments/:env": "manage",
  "DELETE /api/v1/workspaces/:ws/environments/:env": "manage",
  "GET /api/v1/workspaces/:ws/environments/:env/sdk-keys": "manage",
  "POST /api/v1/workspaces/:ws/environments/:env/sdk-keys": "manage",
  "DELETE /api/v1/workspaces/:ws/environments/:env/sdk-keys/:id": "manage",
  "POST /api/v1/workspaces/:ws/environments/:env/sdk-keys/:id/rotate": "manage",
  "GET /api/v1/workspaces/:ws/environments/:env/event-catalog": "view",
  "GET /api/v1/workspaces/:ws/environments/:env/sdk-drops": "view",
  "GET /api/v1/workspaces/:ws/environments/:env/live": "view",
  "POST /api/v1/workspaces/:ws/environments/:env/metric-preview": "view",
  "GET /api/v1/workspaces/:ws/environments/:env/events": "view",
  "GET /api/v1/workspaces/:ws/environments/:env/impressions": "view",
  "GET /api/v1/workspaces/:ws/environments/:env/users/:user/last-context": "view",
  "GET /api/v1/workspaces/:ws/environments/:env/exposures": "view",
  // Flags.
  "GET /api/v1/workspaces/:ws/flags": "view",
  "POST /api/v1/workspaces/:ws/flags": "edit",
  "GET /api/v1/workspaces/:ws/flags/:flag": "view",
  "PATCH /api/v1/workspaces/:ws/flags/:flag": "edit",
  "DELETE /api/v1/workspaces/:ws/flags/:flag": "edit",
  "POST /api/v1/workspaces/:ws/flags/:flag/archive": "edit",
  "POST /api/v1/workspaces/:ws/flags/:flag/restore": "edit",
  "GET /api/v1/workspaces/:ws/flags/:flag/audit": "view",
  "GET /api/v1/workspaces/:ws/flags/:flag/environments/:env": "view",
  "PATCH /api/v1/workspaces/:ws/flags/:flag/environments/:env": "edit",
  // Evaluating for a context changes nothing.
  "POST /api/v1/workspaces/:ws/flags/:flag/environments/:env/explain": "view",
  // Change requests (the approver role and authorship are checked by the service).
  "POST /api/v1/workspaces/:ws/flags/:flag/environments/:env/change-requests": "edit",
  "GET /api/v1/workspaces/:ws/change-requests": "view",
  "GET /api/v1/workspaces/:ws/change-requests/:id": "view",
  "PUT /api/v1/workspaces/:ws/change-requests/:id": "edit",
  "POST /api/v1/workspaces/:ws/change-requests/:id/approve": "edit",
  "POST /api/v1/workspaces/:ws/change-requests/:id/reject": "edit",
  "POST /api/v1/workspaces/:ws/change-requests/:id/apply": "edit",
  "POST /api/v1/workspaces/:ws/change-requests/:id/cancel": "edit",
  "GET /api/v1/workspaces/:ws/flags/:flag/environments/:env/versions": "view",
  "POST /api/v1/workspaces/:ws/flags/:flag/environments/:env/versions/:version/restore": "edit",
  // Scheduled changes.
  "POST /api/v1/workspaces/:ws/flags/:flag/environments/:env/schedules": "edit",
  "POST /api/v1/workspaces/:ws/change-requests/:id/schedule": "edit",
  "GET /api/v1/workspaces/:ws/schedules": "view",
  "POST /api/v1/workspaces/:ws/schedules/:id/cancel": "edit",
  // Webhooks (admins: they send the workspace's changes elsewhere).
  "GET /api/v1/workspaces/:ws/webhooks": "manage",
  "POST /api/v1/workspaces/:ws/webhooks": "manage",
  "PATCH /api/v1/workspaces/:ws/webhooks/:id": "manage",
  "DELETE /api/v1/workspaces/:ws/webhooks/:id": "manage",
  "GET /api/v1/workspaces/:ws/webhooks/:id/deliveries": "manage",
  "POST /api/v1/workspaces/:ws/webhooks/:id/deliveries/:delivery/resend": "manage",
  // Metrics and experiments.
  "GET /api/v1/workspaces/:ws/metrics": "view",
  "POST /api/v1/workspaces/:ws/metrics": "edit",
  "GET /api/v1/workspaces/:ws/metrics/:metric": "view",
  "PATCH /api/v1/workspaces/:ws/metrics/:metric": "edit",
  "DELETE /api/v1/workspaces/:ws/metrics/:metric": "edit",
  "GET /api/v1/workspaces/:ws/experiments": "view",
  "POST /api/v1/workspaces/:ws/experiments": "edit",
  "GET /api/v1/workspaces/:ws/experiments/:experiment": "view",
  "PATCH /api/v1/workspaces/:ws/experiments/:experiment": "edit",
  "POST /api/v1/workspaces/:ws/experiments/:experiment/start": "edit",
  "POST /api/v1/workspaces/:ws/experiments/:experiment/stop": "edit",
  "POST /api/v1/workspaces/:ws/experiments/:experiment/phases": "edit",
  "PUT /api/v1/workspaces/:ws/experiments/:experiment/window": "edit",
  "GET /api/v1/workspaces/:ws/experiments/:experiment/results": "view",
  // Computing a fresh result writes a snapshot but changes nothing a viewer cannot see.
  "POST /api/v1/workspaces/:ws/experiments/:experiment/results": "view",
};
