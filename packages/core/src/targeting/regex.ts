import { compileLinearRegex } from "./linear-regex.js";

/**
 * Longest context value a regex clause is run against; longer values never match. It bounds
 * the quadratic worst case of the patterns left to the native engine.
 */
export const MAX_REGEX_INPUT_LENGTH = 1024;

/** Longest pattern accepted. */
export const MAX_REGEX_PATTERN_LENGTH = 512;

/**
 * Most unbounded quantifiers (`*`, `+`, `{n,}`, or `{n,m}` with m > 16) a pattern may hold to
 * run on the native backtracking engine. Each one multiplies its worst case by the input length
 * (`\w+\w+\w+!` takes minutes on 1,024 characters); patterns with more run on the linear engine.
 */
export const MAX_UNBOUNDED_QUANTIFIERS = 1;

/** A compiled clause pattern: `test` answers `new RegExp(pattern).test(text)` in bounded time. */
export type RegexCompilation =
  | { ok: true; test: (text: string) => boolean; engine: "native" | "linear" }
  | { ok: false; error: string };

interface GroupFrame {
  hasRepetition: boolean;
  hasAlternation: boolean;
}

const QUANTIFIER_BRACES = /^\{(\d+)(,(\d*))?\}/;

/**
 * Returns why a pattern could backtrack badly on the native engine, or undefined when its worst
 * case is at most quadratic: a repeated group that itself repeats or alternates (`(a+)+`,
 * `(a|aa)*`, the exponential shapes), backreferences, or more than MAX_UNBOUNDED_QUANTIFIERS
 * unbounded quantifiers (the polynomial shapes).
 */
export function regexHazard(pattern: string): string | undefined {
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
        return "backreferences";
      }
      i += 2;
    } else if (ch === "[") {
      i++;
      if (pattern[i] === "^") i++;
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
          return `more than ${MAX_UNBOUNDED_QUANTIFIERS} unbounded quantifier`;
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
 * Compiles a clause pattern with the SDKs' semantics (JavaScript syntax, no flags, unanchored).
 * Patterns whose native worst case is at most quadratic run natively; the others run on the
 * linear-time engine; patterns that neither can bound (backreferences or lookaround in a risky
 * shape) are refused, as are patterns that do not compile.
 */
export function compileRegex(pattern: string): RegexCompilation {
  if (pattern.length > MAX_REGEX_PATTERN_LENGTH) {
    return { ok: false, error: `is longer than ${MAX_REGEX_PATTERN_LENGTH} characters` };
  }
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (error) {
    return { ok: false, error: `does not compile: ${(error as Error).message}` };
  }
  const hazard = regexHazard(pattern);
  if (hazard === undefined) return { ok: true, test: (text) => regex.test(text), engine: "native" };
  const linear = compileLinearRegex(pattern);
  if (linear.ok) return { ok: true, test: linear.test, engine: "linear" };
  return { ok: false, error: `could backtrack without bound (${hazard}, with ${linear.error})` };
}
