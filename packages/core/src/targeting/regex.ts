/**
 * Longest context value a regex clause is run against. Longer values never match. With the
 * pattern limits below, the worst backtracking stays in the low milliseconds at this length.
 */
export const MAX_REGEX_INPUT_LENGTH = 1024;

/** Longest pattern accepted. */
export const MAX_REGEX_PATTERN_LENGTH = 512;

/** Most unbounded quantifiers (`*`, `+`, `{n,}`, or `{n,m}` with m > 16) one pattern may hold. */
export const MAX_UNBOUNDED_QUANTIFIERS = 3;

/** Outcome of compiling a clause's regex. */
export type RegexCompilation = { ok: true; regex: RegExp } | { ok: false; error: string };

interface GroupFrame {
  hasRepetition: boolean;
  hasAlternation: boolean;
}

const QUANTIFIER_BRACES = /^\{(\d+)(,(\d*))?\}/;

/**
 * Returns why a pattern could backtrack catastrophically, or undefined when it is bounded.
 * Rejected: a repeated group that itself repeats or alternates (`(a+)+`, `(a|aa)*`, the classic
 * exponential shapes), backreferences, and more than MAX_UNBOUNDED_QUANTIFIERS unbounded
 * quantifiers (each one multiplies the polynomial backtracking degree).
 */
export function regexHazard(pattern: string): string | undefined {
  if (pattern.length > MAX_REGEX_PATTERN_LENGTH) {
    return `pattern is longer than ${MAX_REGEX_PATTERN_LENGTH} characters`;
  }
  const stack: GroupFrame[] = [{ hasRepetition: false, hasAlternation: false }];
  let unbounded = 0;
  // The group closed by the previous token, so a following quantifier can check it.
  let closed: GroupFrame | undefined;
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    const top = stack[stack.length - 1] as GroupFrame;
    let justClosed: GroupFrame | undefined;
    if (ch === "\\") {
      const next = pattern[i + 1] ?? "";
      if ((next >= "1" && next <= "9") || (next === "k" && pattern[i + 2] === "<")) {
        return "backreferences are not allowed";
      }
      i += 2;
    } else if (ch === "[") {
      i++;
      if (pattern[i] === "^") i++;
      if (pattern[i] === "]") i++;
      while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
      i++;
    } else if (ch === "(") {
      stack.push({ hasRepetition: false, hasAlternation: false });
      i++;
    } else if (ch === ")") {
      if (stack.length > 1) {
        const frame = stack.pop() as GroupFrame;
        const parent = stack[stack.length - 1] as GroupFrame;
        parent.hasRepetition ||= frame.hasRepetition;
        justClosed = frame;
      }
      i++;
    } else if (ch === "|") {
      top.hasAlternation = true;
      i++;
    } else if (ch === "*" || ch === "+" || ch === "?" || ch === "{") {
      let max = 1;
      let length = 1;
      if (ch === "*" || ch === "+") max = Number.POSITIVE_INFINITY;
      else if (ch === "{") {
        const braces = QUANTIFIER_BRACES.exec(pattern.slice(i));
        if (braces) {
          length = braces[0].length;
          max =
            braces[2] === undefined ? Number(braces[1]) : braces[3] ? Number(braces[3]) : Infinity;
        } else {
          max = 0; // a literal "{"
        }
      }
      if (max > 1) {
        if (closed && (closed.hasRepetition || closed.hasAlternation)) {
          return "a repeated group contains repetition or alternation (nested quantifiers)";
        }
        top.hasRepetition = true;
        if (max > 16) unbounded++;
        if (unbounded > MAX_UNBOUNDED_QUANTIFIERS) {
          return `more than ${MAX_UNBOUNDED_QUANTIFIERS} unbounded quantifiers`;
        }
      }
      i += length;
      if (pattern[i] === "?" && max !== 0) i++; // lazy modifier
    } else {
      i++;
    }
    closed = justClosed;
  }
  return undefined;
}

/**
 * Compiles a clause pattern with the SDKs' semantics (JavaScript syntax, no flags, unanchored)
 * and refuses patterns that do not compile or could backtrack without bound.
 */
export function compileRegex(pattern: string): RegexCompilation {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (error) {
    return { ok: false, error: `does not compile: ${(error as Error).message}` };
  }
  const hazard = regexHazard(pattern);
  if (hazard) return { ok: false, error: `may backtrack without bound: ${hazard}` };
  return { ok: true, regex };
}
