import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { AuditRepository } from "../audit/audit-repository.js";
import { AppError } from "../http/errors.js";
import type { RequestGuard } from "../http/request-guard.js";
import { type App, errorResponses } from "../http/route-context.js";
import { ROLES, type Role } from "./access.js";
import { CSRF_HEADER, cookieOf, SESSION_COOKIE } from "./admin-auth.js";
import { hashPassword, PASSWORD_LENGTH, passwordMatches } from "./passwords.js";
import {
  type Invitation,
  type Membership,
  normalEmail,
  type People,
  SESSION_MS,
  type User,
} from "./people.js";

const UserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  instanceAdmin: Type.Boolean(),
  active: Type.Boolean(),
  createdAt: Type.String(),
});
const Email = Type.String({ minLength: 3, maxLength: 254, pattern: "^[^@\\s]+@[^@\\s]+$" });
const Password = Type.String({ minLength: PASSWORD_LENGTH.min, maxLength: PASSWORD_LENGTH.max });
const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));
const UserParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const MemberParams = Type.Object({
  ws: Type.String(),
  user: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

const userView = (user: User) => user;

/** What these routes need of workspaces. */
export interface WorkspaceKeys {
  requireId(key: string): Promise<number>;
  keysOf(ids: number[]): Promise<{ id: number; key: string }[]>;
  environmentKeys(workspaceId: number): Promise<string[]>;
}

/**
 * Signing in (the one public route here), the caller's own account (`/api/v1/me`), users
 * (instance administrators) and each workspace's members (its admins). Sessions are an
 * httpOnly, SameSite cookie holding a random secret (stored hashed); Secure when served over
 * https. A wrong password and an unknown email answer alike, after the same work.
 */
export function registerSignInRoute(
  app: App,
  deps: { people: People; guard: RequestGuard; now?: () => number },
): void {
  const { people, guard } = deps;
  app.post(
    "/api/v1/sign-in",
    {
      schema: {
        tags: ["people"],
        description:
          "Signs in with email and password: sets the session cookie and answers the user and the CSRF token to send with changes.",
        body: Type.Object(
          { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ user: UserSchema, csrfToken: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const now = deps.now?.() ?? Date.now();
      const locked = guard.signInLockedFor(request);
      if (locked > 0)
        throw new AppError(
          "rate_limited",
          "Too many failed sign-ins from this address",
          undefined,
          locked,
        );
      const email = normalEmail(request.body.email);
      const accountLocked = guard.accountLockedFor(request, email);
      if (accountLocked > 0)
        throw new AppError(
          "rate_limited",
          "Too many failed sign-ins for this account; try again later",
          undefined,
          accountLocked,
        );
      const found = await people.withPassword(email);
      const matches = await passwordMatches(found?.passwordHash ?? null, request.body.password);
      if (!found || !matches || !found.user.active) {
        guard.passwordFailed(request, email);
        throw new AppError("unauthorized", "Wrong email or password");
      }
      guard.passwordSucceeded(request, email);
      const csrfToken = await startSession(people, request, reply, found.user.id, now);
      return { user: userView(found.user), csrfToken };
    },
  );
}

/**
 * Whether the browser's session cookie is a live session, and its CSRF token (public, always
 * 200: a page finds out whether it is signed in without a refused request).
 */
export function registerSessionRoute(app: App, deps: { people: People }): void {
  app.get(
    "/api/v1/session",
    {
      schema: {
        tags: ["people"],
        description:
          "Whether this browser's session cookie is signed in, and the CSRF token to send with changes.",
        response: {
          200: Type.Object({
            signedIn: Type.Boolean(),
            csrfToken: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const secret = cookieOf(request, SESSION_COOKIE);
      const live = secret ? await deps.people.session(secret) : undefined;
      return { signedIn: live !== undefined, csrfToken: live?.csrfToken ?? null };
    },
  );
}

/** Accepting an invitation (public: the token is the credential) signs the new user in. */
export function registerInvitationAcceptRoute(
  app: App,
  deps: { people: People; guard: RequestGuard },
): void {
  const { people, guard } = deps;
  app.post(
    "/api/v1/invitations/accept",
    {
      schema: {
        tags: ["people"],
        description:
          "Creates the account an invitation offers (its email, if it names one) and signs it in.",
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            email: Email,
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            password: Password,
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ user: UserSchema, csrfToken: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const locked = guard.signInLockedFor(request);
      if (locked > 0)
        throw new AppError(
          "rate_limited",
          "Too many refused attempts from this address",
          undefined,
          locked,
        );
      const { token, email, name, password } = request.body;
      if (await people.withPassword(email))
        throw new AppError("conflict", `A user with email ${normalEmail(email)} exists`, [
          { field: "body.email", message: "is taken" },
        ]);
      const user = await people.accept(token, {
        email,
        name: name ?? normalEmail(email),
        passwordHash: await hashPassword(password),
      });
      if (!user) {
        guard.signInFailed(request);
        throw new AppError(
          "unauthorized",
          "The invitation is unknown, used, expired or for another email",
        );
      }
      const csrfToken = await startSession(people, request, reply, user.id);
      return reply.code(201).send({ user, csrfToken });
    },
  );
}

/** Opens a session for a user who just signed in, from this request's address and browser, and sets its cookie; returns its CSRF token. */
export async function startSession(
  people: People,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  now = Date.now(),
): Promise<string> {
  const { secret, csrfToken } = await people.openSession(
    userId,
    { address: request.ip, userAgent: request.headers["user-agent"] },
    now,
  );
  setSessionCookie(request, reply, secret, SESSION_MS.absolute / 1000);
  return csrfToken;
}

/** Sets the session cookie (an empty value and no age: ends it in the browser). */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAgeSeconds: number,
): void {
  const secure = request.protocol === "https" ? "; Secure" : "";
  reply.header(
    "set-cookie",
    `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${secure}`,
  );
}

export function registerPeopleRoutes(
  app: App,
  deps: { people: People; workspaces: WorkspaceKeys; audit: AuditRepository },
): void {
  const { people, workspaces, audit } = deps;
  const self = (request: FastifyRequest) => request.admin;
  /** A change of the workspace's people, in its audit log. */
  const record = (
    request: FastifyRequest,
    workspaceId: number,
    action: string,
    key: string,
    before: unknown,
    after: unknown,
  ) =>
    audit.record({
      workspaceId,
      actor: self(request)?.name ?? "unknown",
      action,
      resourceType: "member",
      resourceKey: key,
      before,
      after,
    });
  const tags = ["people"];

  app.get(
    "/api/v1/me",
    {
      schema: {
        tags,
        description: `Who is calling: the user (null for a token of no one), the session's CSRF token to send as ${CSRF_HEADER} with changes, and the workspaces with the user's role.`,
        response: {
          200: Type.Object({
            user: Type.Union([UserSchema, Type.Null()]),
            name: Type.String(),
            csrfToken: Type.Union([Type.String(), Type.Null()]),
            workspaces: Type.Array(
              Type.Object({
                key: Type.String(),
                role: Type.String(),
                environments: Type.Union([Type.Array(Type.String()), Type.Null()]),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const principal = self(request);
      const user = principal?.user ?? null;
      let workspaceList: { key: string; role: string; environments: string[] | null }[] = [];
      if (user) {
        const memberships = await people.membershipsOf(user.id);
        const keys = await workspaces.keysOf(memberships.map((m) => m.workspaceId));
        workspaceList = keys.map(({ id, key }) => {
          const membership = memberships.find((m) => m.workspaceId === id);
          return {
            key,
            role: membership?.role ?? "viewer",
            environments: membership?.environments ?? null,
          };
        });
      }
      return {
        user,
        name: principal?.name ?? "",
        csrfToken: principal?.csrfToken ?? null,
        workspaces: workspaceList,
      };
    },
  );

  app.post(
    "/api/v1/me/sign-out",
    {
      schema: {
        tags,
        description: "Ends this session.",
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const sessionId = self(request)?.sessionId;
      if (sessionId !== undefined) await people.closeSession(sessionId);
      setSessionCookie(request, reply, "", 0);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/v1/me/sign-out-everywhere",
    {
      schema: {
        tags,
        description: "Ends every session of the caller's user.",
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = self(request)?.user;
      if (!user) throw new AppError("bad_request", "A token of no one has no sessions");
      await people.closeSessions(user.id);
      setSessionCookie(request, reply, "", 0);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/v1/me/sessions",
    {
      schema: {
        tags,
        description:
          "The caller's sessions still valid, the latest used first, with the address and browser that opened each; `current` marks this one.",
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.Integer(),
              address: Type.String(),
              userAgent: Type.Union([Type.String(), Type.Null()]),
              createdAt: Type.String(),
              lastSeenAt: Type.String(),
              expiresAt: Type.String(),
              current: Type.Boolean(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const principal = self(request);
      if (!principal?.user) return [];
      const sessions = await people.sessionsOf(principal.user.id);
      return sessions.map((s) => ({ ...s, current: s.id === principal.sessionId }));
    },
  );

  app.delete(
    "/api/v1/me/sessions/:id",
    {
      schema: {
        tags,
        description: "Ends one of the caller's sessions (signs that browser out).",
        params: UserParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = self(request);
      const ended = principal?.user
        ? await people.closeSessionOf(principal.user.id, request.params.id)
        : false;
      if (!ended) throw new AppError("not_found", "No such session of yours");
      if (request.params.id === principal?.sessionId) setSessionCookie(request, reply, "", 0);
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/api/v1/me/password",
    {
      schema: {
        tags,
        description:
          "Changes the caller's password (the current one is required); other sessions end.",
        body: Type.Object(
          { current: Type.String({ maxLength: 256 }), password: Password },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = self(request);
      const user = principal?.user;
      if (!user) throw new AppError("bad_request", "A token of no one has no password");
      const found = await people.withPassword(user.email);
      if (!(await passwordMatches(found?.passwordHash ?? null, request.body.current)))
        throw new AppError("validation_failed", "The current password is wrong", [
          { field: "body.current", message: "is not the current password" },
        ]);
      await people.setPassword(user.id, await hashPassword(request.body.password));
      await people.closeSessions(user.id);
      if (principal?.sessionId !== undefined) setSessionCookie(request, reply, "", 0);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/v1/users",
    {
      schema: {
        tags,
        description: "Every user.",
        response: { 200: Type.Array(UserSchema), ...errorResponses },
      },
    },
    async () => (await people.list()).map(userView),
  );

  app.post(
    "/api/v1/users",
    {
      schema: {
        tags,
        description:
          "Creates a user who signs in with this password (or only by single sign-on, without one).",
        body: Type.Object(
          {
            email: Email,
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            password: Type.Optional(Password),
            instanceAdmin: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: UserSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { email, name, password, instanceAdmin } = request.body;
      if (await people.withPassword(email))
        throw new AppError("conflict", `A user with email ${normalEmail(email)} exists`, [
          { field: "body.email", message: "is taken" },
        ]);
      const user = await people.create({
        email,
        name: name ?? normalEmail(email),
        passwordHash: password === undefined ? null : await hashPassword(password),
        instanceAdmin: instanceAdmin ?? false,
      });
      return reply.code(201).send(userView(user));
    },
  );

  app.post(
    "/api/v1/users/:id/deactivate",
    {
      schema: {
        tags,
        description:
          "Deactivates a user: their sessions end and their personal tokens stop at once.",
        params: UserParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!(await people.get(request.params.id))) throw new AppError("not_found", "No such user");
      await people.deactivate(request.params.id);
      return reply.code(204).send(null);
    },
  );

  /** Only owners (and instance callers) give or take the owner role: an admin cannot rise. */
  const mayTouchOwners = async (request: FastifyRequest, workspaceId: number) => {
    const caller = self(request);
    if (!caller || caller.kind === "instance" || caller.user?.instanceAdmin) return true;
    if (caller.service) return caller.service.role === "owner";
    return caller.user
      ? (await people.membership(workspaceId, caller.user.id))?.role === "owner"
      : false;
  };
  const ownersOnly = () => new AppError("forbidden", "Only an owner gives or takes the owner role");
  /** Refuses what would leave the workspace without an owner (the one who may delete it). */
  const keepAnOwner = async (workspaceId: number, leaving: Membership | undefined) => {
    if (leaving?.role !== "owner") return;
    const owners = (await people.members(workspaceId)).filter(
      (m) => m.role === "owner" && m.user.active,
    );
    const leavingCounts = owners.some((m) => m.user.id === leaving.userId);
    if (leavingCounts && owners.length === 1)
      throw new AppError(
        "conflict",
        "A workspace keeps at least one owner: make someone else owner first",
      );
  };

  app.put(
    "/api/v1/users/:id/password",
    {
      schema: {
        tags,
        description: "Sets a user's password (a reset); their sessions end.",
        params: UserParams,
        body: Type.Object({ password: Password }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!(await people.get(request.params.id))) throw new AppError("not_found", "No such user");
      await people.setPassword(request.params.id, await hashPassword(request.body.password));
      await people.closeSessions(request.params.id);
      return reply.code(204).send(null);
    },
  );

  const MemberSchema = Type.Object({
    user: UserSchema,
    role: Type.String(),
    environments: Type.Union([Type.Array(Type.String()), Type.Null()]),
  });

  app.get(
    "/api/v1/workspaces/:ws/members",
    {
      schema: {
        tags,
        description: "The workspace's members and their roles.",
        params: Type.Object({ ws: Type.String() }),
        response: { 200: Type.Array(MemberSchema), ...errorResponses },
      },
    },
    async (request) => {
      const id = await workspaces.requireId(request.params.ws);
      return (await people.members(id)).map((m) => ({
        user: m.user,
        role: m.role,
        environments: m.environments,
      }));
    },
  );

  app.put(
    "/api/v1/workspaces/:ws/members/:user",
    {
      schema: {
        tags,
        description:
          "Gives a user a role in the workspace; `environments` limits an editor to changing those.",
        params: MemberParams,
        body: Type.Object(
          {
            role: RoleSchema,
            environments: Type.Optional(
              Type.Union([
                Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 }),
                Type.Null(),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const workspaceId = await workspaces.requireId(request.params.ws);
      if (!(await people.get(request.params.user))) throw new AppError("not_found", "No such user");
      const role = request.body.role as Role;
      const current = await people.membership(workspaceId, request.params.user);
      if (
        (role === "owner" || current?.role === "owner") &&
        !(await mayTouchOwners(request, workspaceId))
      )
        throw ownersOnly();
      const environments = role === "editor" ? (request.body.environments ?? null) : null;
      if (environments) {
        const known = await workspaces.environmentKeys(workspaceId);
        const unknown = environments.findIndex((key) => !known.includes(key));
        if (unknown >= 0)
          throw new AppError(
            "validation_failed",
            `Environment "${environments[unknown]}" does not exist`,
            [{ field: `body.environments[${unknown}]`, message: "no such environment" }],
          );
      }
      if (role !== "owner") await keepAnOwner(workspaceId, current);
      const target = await people.get(request.params.user);
      const membership = { workspaceId, userId: request.params.user, role, environments };
      await people.setMembership(membership);
      await record(
        request,
        workspaceId,
        current ? "member.updated" : "member.added",
        target?.email ?? String(request.params.user),
        current ? { role: current.role, environments: current.environments } : null,
        { role, environments: membership.environments },
      );
      return reply.code(204).send(null);
    },
  );

  const InvitationSchema = Type.Object({
    id: Type.Integer(),
    role: Type.Union([Type.String(), Type.Null()]),
    environments: Type.Union([Type.Array(Type.String()), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    createdBy: Type.String(),
    createdAt: Type.String(),
    expiresAt: Type.String(),
    usedAt: Type.Union([Type.String(), Type.Null()]),
  });
  const invitationView = (i: Invitation) => ({
    id: i.id,
    role: i.role,
    environments: i.environments,
    email: i.email,
    createdBy: i.createdBy,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    usedAt: i.usedAt,
  });

  app.get(
    "/api/v1/workspaces/:ws/invitations",
    {
      schema: {
        tags,
        description: "The workspace's invitations, used ones too (never their tokens).",
        params: Type.Object({ ws: Type.String() }),
        response: { 200: Type.Array(InvitationSchema), ...errorResponses },
      },
    },
    async (request) => {
      const id = await workspaces.requireId(request.params.ws);
      return (await people.invitations(id)).map(invitationView);
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/invitations",
    {
      schema: {
        tags,
        description:
          "Invites someone with a role: the answer's token (shown once) lets one person create their account, before it expires (72 hours unless said).",
        params: Type.Object({ ws: Type.String() }),
        body: Type.Object(
          {
            role: RoleSchema,
            email: Type.Optional(Email),
            environments: Type.Optional(
              Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 }),
            ),
            expiresInHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ ...InvitationSchema.properties, token: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const workspaceId = await workspaces.requireId(request.params.ws);
      const role = request.body.role as Role;
      if (role === "owner" && !(await mayTouchOwners(request, workspaceId))) throw ownersOnly();
      const { invitation, token } = await people.invite({
        workspaceId,
        role,
        environments: role === "editor" ? (request.body.environments ?? null) : null,
        instanceAdmin: false,
        email: request.body.email ?? null,
        createdBy: self(request)?.name ?? "unknown",
        expiresAt: new Date(
          Date.now() + (request.body.expiresInHours ?? 72) * 3_600_000,
        ).toISOString(),
      });
      await record(
        request,
        workspaceId,
        "invitation.created",
        invitation.email ?? `#${invitation.id}`,
        null,
        invitationView(invitation),
      );
      return reply.code(201).send({ ...invitationView(invitation), token });
    },
  );

  app.delete(
    "/api/v1/workspaces/:ws/invitations/:id",
    {
      schema: {
        tags,
        description: "Withdraws an unused invitation.",
        params: Type.Object({
          ws: Type.String(),
          id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
        }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const workspaceId = await workspaces.requireId(request.params.ws);
      if (!(await people.revokeInvitation(workspaceId, request.params.id)))
        throw new AppError("not_found", "No such unused invitation");
      await record(
        request,
        workspaceId,
        "invitation.withdrawn",
        `#${request.params.id}`,
        null,
        null,
      );
      return reply.code(204).send(null);
    },
  );

  app.delete(
    "/api/v1/workspaces/:ws/members/:user",
    {
      schema: {
        tags,
        description: "Removes a user from the workspace.",
        params: MemberParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const workspaceId = await workspaces.requireId(request.params.ws);
      const current = await people.membership(workspaceId, request.params.user);
      if (current?.role === "owner" && !(await mayTouchOwners(request, workspaceId)))
        throw ownersOnly();
      await keepAnOwner(workspaceId, current);
      await people.removeMembership(workspaceId, request.params.user);
      if (current)
        await record(
          request,
          workspaceId,
          "member.removed",
          (await people.get(request.params.user))?.email ?? String(request.params.user),
          { role: current.role, environments: current.environments },
          null,
        );
      return reply.code(204).send(null);
    },
  );
}
