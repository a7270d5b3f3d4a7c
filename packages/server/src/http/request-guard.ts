import type { FastifyRequest } from "fastify";
import type { RateLimits } from "../config.js";
import { clientAddressKey } from "./client-address.js";
import { TokenBuckets } from "./rate-limit.js";
import type { RefusalLog, RefusalReason } from "./refusal-log.js";
import { SignInLockout } from "./sign-in-lockout.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Set when the request was refused for its credentials or its rate: not logged one by one. */
    refused?: RefusalReason;
  }
}

/** Failed sign-ins per account (from any address) before it is locked, and for how long. */
const ACCOUNT_FAILURES = 10;
const ACCOUNT_LOCK_SECONDS = 15 * 60;

/**
 * The limits checked before a request is served: refused requests per client address (so
 * bad credentials cost no database query once an address is over its budget), the admin
 * sign-in lockout per address, and tracking requests per SDK key.
 */
export class RequestGuard {
  private readonly refusals: TokenBuckets;
  private readonly lockout: SignInLockout;
  private readonly accounts: SignInLockout;
  private readonly tracking: TokenBuckets;

  constructor(
    limits: RateLimits,
    private readonly log: RefusalLog,
    now: () => number = Date.now,
  ) {
    this.refusals = new TokenBuckets(
      limits.refusedPerSecond,
      limits.refusedBurst,
      limits.trackedClients,
      now,
    );
    this.lockout = new SignInLockout(
      limits.signInFailures,
      limits.lockoutSeconds,
      limits.trackedClients,
      now,
    );
    this.accounts = new SignInLockout(
      ACCOUNT_FAILURES,
      ACCOUNT_LOCK_SECONDS,
      limits.trackedClients,
      now,
    );
    this.tracking = new TokenBuckets(
      limits.trackPerSecond,
      limits.trackBurst,
      limits.trackedClients,
      now,
    );
  }

  /**
   * Seconds the request's address must wait before credentials it sends are looked up again
   * (it spent its budget of refused requests); 0 when they may be looked up now.
   */
  lookupWait(request: FastifyRequest): number {
    const wait = this.refusals.waitFor(clientAddressKey(request.ip));
    if (wait > 0) this.refuse(request, "refused_too_often");
    return wait;
  }

  /**
   * Counts a refused request against its address. Returns 0 to answer 401, or, when the
   * address is over its budget, the seconds to send with 429.
   */
  refused(request: FastifyRequest, reason: RefusalReason): number {
    const wait = this.refusals.take(clientAddressKey(request.ip));
    this.refuse(request, wait > 0 ? "refused_too_often" : reason);
    return wait;
  }

  /** Seconds the request's address is locked out of the admin API; 0 when it is not. */
  signInLockedFor(request: FastifyRequest): number {
    const wait = this.lockout.lockedFor(clientAddressKey(request.ip));
    if (wait > 0) this.refuse(request, "admin_locked_out");
    return wait;
  }

  /** Counts a wrong admin token; returns the seconds of a lockout it starts, or 0. */
  signInFailed(request: FastifyRequest): number {
    return this.lockout.failed(clientAddressKey(request.ip));
  }

  signInSucceeded(request: FastifyRequest): void {
    this.lockout.succeeded(clientAddressKey(request.ip));
  }

  /** Seconds a person's account (by email) is locked against sign-in; 0 when it is not. */
  accountLockedFor(request: FastifyRequest, email: string): number {
    const wait = this.accounts.lockedFor(email);
    if (wait > 0) this.refuse(request, "admin_locked_out");
    return wait;
  }

  /** Counts a failed sign-in against the address and the account tried. */
  passwordFailed(request: FastifyRequest, email: string): void {
    this.lockout.failed(clientAddressKey(request.ip));
    this.accounts.failed(email);
  }

  /** A right password: the address's and the account's earlier failures are forgiven. */
  passwordSucceeded(request: FastifyRequest, email: string): void {
    this.lockout.succeeded(clientAddressKey(request.ip));
    this.accounts.succeeded(email);
  }

  /** Takes a tracking request of an SDK key: 0, or the seconds to send with 429. */
  trackWait(request: FastifyRequest, keyId: number): number {
    const wait = this.tracking.take(String(keyId));
    if (wait > 0) this.refuse(request, "track_rate_limited");
    return wait;
  }

  private refuse(request: FastifyRequest, reason: RefusalReason): void {
    request.refused = reason;
    this.log.count(reason);
  }
}
