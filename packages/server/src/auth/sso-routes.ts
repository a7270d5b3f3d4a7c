import type { FastifyReply, FastifyRequest } from "fastify";
import * as oidc from "openid-client";
import { Type } from "typebox";
import type { SsoConfig } from "../config.js";
import { AppError } from "../http/errors.js";
import type { App } from "../http/route-context.js";
import type { Role } from "./access.js";
import { cookieOf } from "./admin-auth.js";
import { normalEmail, type People } from "./people.js";
import { startSession } from "./people-routes.js";

/** How long a sign-in may take at the provider. */
const PENDING_SECONDS = 10 * 60;
/** The cookie a sign-in under way is kept in, sent back with the provider's redirect only. */
const PENDING_COOKIE = "flagsync_sso";
const CALLBACK_PATH = "/api/v1/sso/callback";

/** What a sign-in under way keeps until the provider sends the browser back. */
interface Pending {
  state: string;
  verifier: string;
  nonce: string;
  redirectUri: string;
  until: number;
}

/** The sign-in under way in this browser, if its cookie holds one that has not expired. */
function pendingOf(request: FastifyRequest): Pending | undefined {
  const value = cookieOf(request, PENDING_COOKIE);
  if (!value) return undefined;
  try {
    const pending = JSON.parse(Buffer.from(value, "base64url").toString()) as Pending;
    return typeof pending.state === "string" && pending.until > Date.now() ? pending : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sets (or, with no value, ends) the cookie of a sign-in under way. SameSite=Lax: the
 * provider's redirect back is a navigation from another site, which a Strict cookie would miss.
 */
function setPendingCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  pending: Pending | undefined,
): void {
  const value = pending ? Buffer.from(JSON.stringify(pending)).toString("base64url") : "";
  const secure = request.protocol === "https" ? "; Secure" : "";
  reply.header(
    "set-cookie",
    `${PENDING_COOKIE}=${value}; HttpOnly; SameSite=Lax; Path=${CALLBACK_PATH}; Max-Age=${pending ? PENDING_SECONDS : 0}${secure}`,
  );
}

/**
 * Single sign-on with OpenID Connect (authorization code with PKCE, `openid-client`):
 * `GET /api/v1/sso/start` sends the browser to the provider, which sends it back to
 * `/api/v1/sso/callback`; a verified email of an allowed domain signs in its user, created at
 * the first sign-in with the configured role in workspace `default`. What a sign-in under way
 * needs (state, PKCE verifier, nonce) is kept for 10 minutes in an httpOnly cookie of the
 * browser that started it, not in the server: any server process can finish it.
 */
export function registerSsoRoutes(
  app: App,
  deps: {
    sso: SsoConfig | undefined;
    people: People;
    /** The id of workspace `default`, where new users get their role. */
    defaultWorkspace: () => Promise<number | undefined>;
  },
): void {
  const { sso, people } = deps;
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    if (!sso) throw new AppError("not_found", "Single sign-on is not configured");
    discovered ??= oidc
      .discovery(new URL(sso.issuer), sso.clientId, sso.clientSecret, undefined, {
        // A provider on this machine may speak plain http (a development or test setup).
        ...(isLocal(sso.issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
  const callbackUrl = (request: FastifyRequest) =>
    `${sso?.publicUrl ?? `${request.protocol}://${request.host}`}${CALLBACK_PATH}`;

  app.get(
    "/api/v1/sso",
    {
      schema: {
        tags: ["people"],
        description: "Whether single sign-on is configured (the sign-in page offers it then).",
        response: { 200: Type.Object({ enabled: Type.Boolean() }) },
      },
    },
    async () => ({ enabled: sso !== undefined }),
  );

  app.get(
    "/api/v1/sso/start",
    { schema: { tags: ["people"], description: "Sends the browser to the identity provider." } },
    async (request, reply) => {
      const config = await configuration();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const redirectUri = callbackUrl(request);
      setPendingCookie(request, reply, {
        state,
        verifier,
        nonce,
        redirectUri,
        until: Date.now() + PENDING_SECONDS * 1000,
      });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: "openid email profile",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      schema: {
        tags: ["people"],
        description:
          "Where the provider sends the browser back: signs the user in and goes to the dashboard.",
      },
    },
    async (request, reply) => {
      const config = await configuration();
      const state = (request.query as { state?: string }).state ?? "";
      const entry = pendingOf(request);
      setPendingCookie(request, reply, undefined);
      if (!entry || entry.state !== state)
        throw new AppError(
          "unauthorized",
          "This sign-in expired or was not started here; start again",
        );
      const current = new URL(request.url, entry.redirectUri);
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: entry.verifier,
          expectedState: state,
          expectedNonce: entry.nonce,
        });
        claims = tokens.claims();
      } catch (error) {
        request.log.warn({ err: error }, "single sign-on refused by the provider's answer");
        throw new AppError("unauthorized", "The identity provider's answer could not be verified");
      }
      const email = typeof claims?.email === "string" ? normalEmail(claims.email) : "";
      if (!email || claims?.email_verified === false)
        throw new AppError("forbidden", "The identity provider gave no verified email");
      const domain = email.slice(email.lastIndexOf("@") + 1);
      if (sso && sso.allowedDomains.length > 0 && !sso.allowedDomains.includes(domain))
        throw new AppError("forbidden", `Email domain ${domain} may not sign in here`);
      let user = (await people.withPassword(email))?.user;
      if (user && !user.active) throw new AppError("forbidden", "This account is deactivated");
      if (!user) {
        user = await people.create({
          email,
          name: typeof claims?.name === "string" ? claims.name : email,
          passwordHash: null,
          instanceAdmin: false,
        });
        const workspaceId = await deps.defaultWorkspace();
        if (workspaceId !== undefined && sso)
          await people.setMembership({
            workspaceId,
            userId: user.id,
            role: sso.defaultRole as Role,
            environments: null,
          });
      }
      await startSession(people, request, reply, user.id);
      return reply.redirect("/", 302);
    },
  );
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(hostname);
}
