import { hash, verify } from "@node-rs/argon2";

/**
 * Password hashing: argon2id with OWASP's parameters (19 MiB of memory, 2 passes, 1 lane),
 * about 30 ms per hash here. The PHC string keeps the parameters, so raising them later still
 * verifies older hashes.
 */
const PARAMETERS = {
  // Argon2id (the binding's Algorithm.Argon2id, a const enum).
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Shortest and longest password accepted. */
export const PASSWORD_LENGTH = { min: 12, max: 256 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMETERS);
}

/** A hash of no one's password: an unknown account is checked against it, so it takes as long. */
let decoy: Promise<string> | undefined;

/** Whether `password` is the one of `stored` (or, for no account, false in the same time). */
export async function passwordMatches(stored: string | null, password: string): Promise<boolean> {
  decoy ??= hashPassword("not a password of anyone");
  const against = stored ?? (await decoy);
  const matches = await verify(against, password).catch(() => false);
  return stored !== null && matches;
}
