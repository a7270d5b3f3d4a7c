import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Kinds of secret the server issues; the prefix tells a leaked secret's kind at a glance. */
export type SecretKind = "server" | "client" | "admin";

const PREFIX: Record<SecretKind, string> = {
  server: "fs_server_",
  client: "fs_client_",
  admin: "fs_admin_",
};

/** A new random secret of a kind: its prefix and 32 base62 characters (about 190 bits). */
export function generateSecret(kind: SecretKind): string {
  const bytes = randomBytes(32);
  let body = "";
  for (const byte of bytes) body += ALPHABET[byte % 62];
  return PREFIX[kind] + body;
}

/**
 * How a secret is stored: SHA-256. The secrets are long and random, so a fast hash is enough
 * (no dictionary to guard against) and keeps key lookups on the SDK path cheap.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/**
 * A form of a secret safe to show and to store: its kind's prefix (for secrets the server
 * issued) and its last four characters. No more: a hint must not shorten a guess.
 */
export function secretHint(secret: string): string {
  const prefix = Object.values(PREFIX).find((p) => secret.startsWith(p)) ?? "";
  return `${prefix}…${secret.slice(-4)}`;
}
