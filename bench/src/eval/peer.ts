import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Clause, EvaluationContext, Flag } from "@flagsync-oss/core";

/**
 * One flag system under measurement. `runAll` evaluates every flag for every user once, the way
 * an application would call that system's own API, and returns a checksum of what it served so
 * the work cannot be optimised away.
 */
export interface Peer {
  name: string;
  /** False when the system records impressions whatever it is told (the FlagSync SDK). */
  canDisableImpressions: boolean;
  runAll(users: readonly EvaluationContext[], impressions: boolean): number | Promise<number>;
  /** Untimed, before each run: drops impressions queued by the last run so memory stays flat. */
  beforeRun(): void | Promise<void>;
  /** How many impressions the last run queued (checks that "on" really records); NaN if unknown. */
  impressionCount(): number;
  /** The value served to one user for one flag, for the equivalence check. */
  valueFor(flagKey: string, user: EvaluationContext): unknown | Promise<unknown>;
  close(): Promise<void>;
}

/** Builds a peer from the benchmark's flags, written in that system's own configuration. */
export type PeerFactory = (flags: readonly Flag[]) => Promise<Peer>;

/** A checksum contribution of one served value. */
export function weigh(value: unknown): number {
  return value === true
    ? 1
    : typeof value === "number"
      ? value
      : typeof value === "string"
        ? value.length
        : 0;
}

/** The installed version of a package, read from its package.json. */
export function versionOf(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === name) return String(pkg.version);
    } catch {
      // no package.json at this level
    }
    if (dirname(dir) === dir) return "?";
    dir = dirname(dir);
  }
}

/**
 * The peer-side attribute a clause reads: `keyName` is what the peer calls the user key. Undefined
 * for IP and COUNTRY, which FlagSync never matches in local evaluation (the rule is dropped).
 */
export function peerAttribute(clause: Clause, keyName: string): string | undefined {
  switch (clause.attribute) {
    case "KEY":
      return keyName;
    case "EMAIL":
      return "email";
    case "CUSTOM":
      return String(clause.customAttribute);
    default:
      return undefined;
  }
}
