/** A version as [major, minor, patch]. */
export type SemverParts = readonly [number, number, number];

/**
 * Parses a version the way the FlagSync SDKs do: split on ".", `parseInt` each part (so "3-beta"
 * reads as 3), missing minor/patch are 0 and parts after the third are compared by no one but
 * must still parse. Returns undefined when any part is not a number ("v1.2.3", "", "1..2").
 */
export function parseSemver(version: string): SemverParts | undefined {
  const parts = version.split(".");
  let major = 0;
  let minor = 0;
  let patch = 0;
  for (let i = 0; i < parts.length; i++) {
    const n = Number.parseInt(parts[i] as string, 10);
    if (Number.isNaN(n)) return undefined;
    if (i === 0) major = n;
    else if (i === 1) minor = n;
    else if (i === 2) patch = n;
  }
  return [major, minor, patch];
}

/** Compares two parsed versions: negative, zero or positive like a sort comparator. */
export function compareSemver(a: SemverParts, b: SemverParts): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] - b[2];
}
