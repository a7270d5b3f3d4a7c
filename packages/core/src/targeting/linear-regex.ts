// A regex matcher whose running time is linear in the input (times the pattern size), for the
// patterns that JavaScript's backtracking engine could take exponential or high-polynomial time
// on. It answers `RegExp.prototype.test` for a pattern compiled without flags, on UTF-16 code
// units, for the regular subset of the syntax: literals, escapes, classes, `.`, anchors, word
// boundaries, groups, alternation and every quantifier. Lookaround and backreferences are not
// regular; such patterns are left to the caller to refuse.
//
// Method: Thompson construction to a small program, then a depth-first search over
// (instruction, position) pairs that never visits a pair twice. Without backreferences the
// outcome from a pair does not depend on how it was reached, so each pair is decided once:
// O(program × input) time for a whole unanchored search.

type Range = readonly [number, number];

type Node =
  | { kind: "empty" }
  | { kind: "set"; ranges: Range[]; negated: boolean }
  | { kind: "bol" | "eol" | "wordBoundary" | "notWordBoundary" }
  | { kind: "concat"; items: Node[] }
  | { kind: "alt"; items: Node[] }
  | { kind: "repeat"; item: Node; min: number; max: number };

class Unsupported extends Error {}

const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
// WhiteSpace and LineTerminator code points of ECMA-262.
const SPACE: Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: Range[] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];
// Bounds both compile-time expansion of counted repeats and the visited table of one search.
const MAX_PROGRAM = 4_000;

function complement(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0xffff) out.push([next, 0xffff]);
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Unsupported("unbalanced )");
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.i + offset];
  }

  private alternation(): Node {
    const items = [this.sequence()];
    while (this.peek() === "|") {
      this.i++;
      items.push(this.sequence());
    }
    return items.length === 1 ? (items[0] as Node) : { kind: "alt", items };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.peek() !== "|" && this.peek() !== ")") {
      let atom = this.atom();
      for (;;) {
        const q = this.quantifier();
        if (!q) break;
        atom = { kind: "repeat", item: atom, min: q[0], max: q[1] };
      }
      items.push(atom);
    }
    return items.length === 1 ? (items[0] as Node) : { kind: "concat", items };
  }

  private quantifier(): [number, number] | undefined {
    const c = this.peek();
    let q: [number, number] | undefined;
    if (c === "*") q = [0, Number.POSITIVE_INFINITY];
    else if (c === "+") q = [1, Number.POSITIVE_INFINITY];
    else if (c === "?") q = [0, 1];
    if (q) {
      this.i++;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return undefined; // a literal "{" (Annex B)
      this.i += m[0].length;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY;
      q = [min, max];
    } else {
      return undefined;
    }
    if (this.peek() === "?") this.i++; // laziness does not change whether a match exists
    return q;
  }

  private atom(): Node {
    const c = this.src[this.i++] as string;
    switch (c) {
      case ".":
        return { kind: "set", ranges: LINE_TERMINATORS, negated: true };
      case "^":
        return { kind: "bol" };
      case "$":
        return { kind: "eol" };
      case "[":
        return this.characterClass();
      case "(": {
        if (this.peek() === "?") {
          if (this.peek(1) === ":") this.i += 2;
          else if (this.peek(1) === "<" && this.peek(2) !== "=" && this.peek(2) !== "!") {
            const close = this.src.indexOf(">", this.i);
            if (close < 0) throw new Unsupported("bad group name");
            this.i = close + 1;
          } else {
            throw new Unsupported("lookaround");
          }
        }
        const inner = this.alternation();
        if (this.peek() !== ")") throw new Unsupported("unclosed group");
        this.i++;
        return inner;
      }
      case "\\":
        return this.escape(false);
      default:
        return this.literal(c.charCodeAt(0));
    }
  }

  private literal(code: number): Node {
    return { kind: "set", ranges: [[code, code]], negated: false };
  }

  /** Parses an escape after the backslash; in a class, returns ranges via a set node. */
  private escape(inClass: boolean): Node {
    const c = this.src[this.i++];
    if (c === undefined) throw new Unsupported("trailing backslash");
    switch (c) {
      case "d":
        return { kind: "set", ranges: DIGIT, negated: false };
      case "D":
        return { kind: "set", ranges: DIGIT, negated: true };
      case "w":
        return { kind: "set", ranges: WORD, negated: false };
      case "W":
        return { kind: "set", ranges: WORD, negated: true };
      case "s":
        return { kind: "set", ranges: SPACE, negated: false };
      case "S":
        return { kind: "set", ranges: SPACE, negated: true };
      case "b":
        return inClass ? this.literal(0x08) : { kind: "wordBoundary" };
      case "B":
        if (inClass) return this.literal(0x42);
        return { kind: "notWordBoundary" };
      case "t":
        return this.literal(0x09);
      case "n":
        return this.literal(0x0a);
      case "v":
        return this.literal(0x0b);
      case "f":
        return this.literal(0x0c);
      case "r":
        return this.literal(0x0d);
      case "x": {
        const hex = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i));
        if (!hex) return this.literal(0x78);
        this.i += 2;
        return this.literal(Number.parseInt(hex[0], 16));
      }
      case "u": {
        const hex = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.i));
        if (!hex) return this.literal(0x75);
        this.i += 4;
        return this.literal(Number.parseInt(hex[0], 16));
      }
      case "c": {
        const letter = this.peek();
        if (letter && /[A-Za-z]/.test(letter)) {
          this.i++;
          return this.literal(letter.charCodeAt(0) % 32);
        }
        throw new Unsupported("\\c without a letter");
      }
      case "0":
        if (!/[0-9]/.test(this.peek() ?? "")) return this.literal(0);
        throw new Unsupported("octal escape");
      case "k":
        throw new Unsupported("named backreference");
      default:
        if (c >= "1" && c <= "9") throw new Unsupported("backreference or octal escape");
        return this.literal(c.charCodeAt(0));
    }
  }

  private characterClass(): Node {
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.i++;
    }
    const ranges: Range[] = [];
    const single = (): { code: number } | { ranges: Range[] } => {
      const c = this.src[this.i++];
      if (c === undefined) throw new Unsupported("unclosed class");
      if (c !== "\\") return { code: c.charCodeAt(0) };
      const node = this.escape(true);
      if (node.kind !== "set") throw new Unsupported("escape in class");
      if (node.negated) return { ranges: complement(node.ranges) };
      const only = node.ranges[0] as Range;
      return node.ranges.length === 1 && only[0] === only[1]
        ? { code: only[0] }
        : { ranges: node.ranges };
    };
    while (this.peek() !== "]") {
      if (this.i >= this.src.length) throw new Unsupported("unclosed class");
      const low = single();
      if (
        this.peek() === "-" &&
        this.peek(1) !== "]" &&
        this.peek(1) !== undefined &&
        "code" in low
      ) {
        this.i++;
        const high = single();
        if ("code" in high) {
          ranges.push([low.code, high.code]);
          continue;
        }
        // Annex B: a class escape as a range end makes "-" literal.
        ranges.push([low.code, low.code], [0x2d, 0x2d], ...high.ranges);
        continue;
      }
      if ("code" in low) ranges.push([low.code, low.code]);
      else ranges.push(...low.ranges);
    }
    this.i++;
    return { kind: "set", ranges, negated };
  }
}

const OP_SET = 0;
const OP_SPLIT = 1;
const OP_JUMP = 2;
const OP_BOL = 3;
const OP_EOL = 4;
const OP_WORD_BOUNDARY = 5;
const OP_NOT_WORD_BOUNDARY = 6;
const OP_MATCH = 7;

interface Program {
  op: number[];
  a: number[];
  b: number[];
  sets: { ranges: Range[]; negated: boolean }[];
}

function emit(program: Program, op: number, a = 0, b = 0): number {
  if (program.op.length >= MAX_PROGRAM) throw new Unsupported("pattern expands too far");
  program.op.push(op);
  program.a.push(a);
  program.b.push(b);
  return program.op.length - 1;
}

function compileNode(program: Program, node: Node): void {
  switch (node.kind) {
    case "empty":
      return;
    case "set":
      program.sets.push({ ranges: node.ranges, negated: node.negated });
      emit(program, OP_SET, program.sets.length - 1);
      return;
    case "bol":
      emit(program, OP_BOL);
      return;
    case "eol":
      emit(program, OP_EOL);
      return;
    case "wordBoundary":
      emit(program, OP_WORD_BOUNDARY);
      return;
    case "notWordBoundary":
      emit(program, OP_NOT_WORD_BOUNDARY);
      return;
    case "concat":
      for (const item of node.items) compileNode(program, item);
      return;
    case "alt": {
      const jumps: number[] = [];
      node.items.forEach((item, index) => {
        if (index < node.items.length - 1) {
          const split = emit(program, OP_SPLIT);
          program.a[split] = split + 1;
          compileNode(program, item);
          jumps.push(emit(program, OP_JUMP));
          program.b[split] = program.op.length;
        } else {
          compileNode(program, item);
        }
      });
      for (const j of jumps) program.a[j] = program.op.length;
      return;
    }
    case "repeat": {
      for (let k = 0; k < node.min; k++) compileNode(program, node.item);
      if (node.max === Number.POSITIVE_INFINITY) {
        const split = emit(program, OP_SPLIT);
        program.a[split] = split + 1;
        compileNode(program, node.item);
        emit(program, OP_JUMP, split);
        program.b[split] = program.op.length;
      } else {
        const splits: number[] = [];
        for (let k = node.min; k < node.max; k++) {
          const split = emit(program, OP_SPLIT);
          program.a[split] = split + 1;
          splits.push(split);
          compileNode(program, node.item);
        }
        for (const s of splits) program.b[s] = program.op.length;
      }
      return;
    }
  }
}

function inSet(set: { ranges: Range[]; negated: boolean }, code: number): boolean {
  let hit = false;
  for (const [lo, hi] of set.ranges) {
    if (code >= lo && code <= hi) {
      hit = true;
      break;
    }
  }
  return hit !== set.negated;
}

function isWord(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const c = text.charCodeAt(index);
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0x61 && c <= 0x7a)
  );
}

// One visited table for all searches; a generation number per search saves clearing it.
let visited = new Uint32Array(0);
let generation = 0;

function visitedTable(slots: number): Uint32Array {
  if (visited.length < slots) {
    visited = new Uint32Array(Math.max(slots, visited.length * 2));
    generation = 0;
  }
  generation++;
  if (generation === 0xffffffff) {
    visited.fill(0);
    generation = 1;
  }
  return visited;
}

/** A compiled linear-time matcher answering `new RegExp(pattern).test(text)`. */
export type LinearMatcher = (text: string) => boolean;

/**
 * Compiles `pattern` (already known to be a valid JavaScript regex) to a linear-time matcher,
 * or returns the reason it cannot: lookaround, backreferences, or a program too large.
 */
export function compileLinearRegex(
  pattern: string,
): { ok: true; test: LinearMatcher } | { ok: false; error: string } {
  let ast: Node;
  const program: Program = { op: [], a: [], b: [], sets: [] };
  try {
    ast = new Parser(pattern).parse();
    // Unanchored search: a lazy "any code unit" loop before the pattern.
    const loop = emit(program, OP_SPLIT);
    program.sets.push({ ranges: [], negated: true });
    emit(program, OP_SET, program.sets.length - 1);
    emit(program, OP_JUMP, loop);
    program.a[loop] = program.op.length;
    program.b[loop] = loop + 1;
    compileNode(program, ast);
    emit(program, OP_MATCH);
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, error: error.message };
    throw error;
  }
  const op = Int8Array.from(program.op);
  const a = Int32Array.from(program.a);
  const b = Int32Array.from(program.b);
  const sets = program.sets;
  const size = op.length;

  return {
    ok: true,
    test: (text) => {
      const width = text.length + 1;
      const visited = visitedTable(size * width);
      const mark = generation;
      const stack: number[] = [0, 0];
      while (stack.length > 0) {
        const pos = stack.pop() as number;
        let pc = stack.pop() as number;
        // Follow one thread until it dies, pushing the other side of each split.
        for (;;) {
          const slot = pc * width + pos;
          if (visited[slot] === mark) break;
          visited[slot] = mark;
          const code = op[pc];
          if (code === OP_MATCH) return true;
          if (code === OP_SET) {
            if (
              pos < text.length &&
              inSet(sets[a[pc] as number] as (typeof sets)[number], text.charCodeAt(pos))
            ) {
              stack.push(pc + 1, pos + 1);
            }
            break;
          }
          if (code === OP_JUMP) pc = a[pc] as number;
          else if (code === OP_SPLIT) {
            stack.push(b[pc] as number, pos);
            pc = a[pc] as number;
          } else if (code === OP_BOL) {
            if (pos !== 0) break;
            pc++;
          } else if (code === OP_EOL) {
            if (pos !== text.length) break;
            pc++;
          } else {
            const boundary = isWord(text, pos - 1) !== isWord(text, pos);
            if (boundary !== (code === OP_WORD_BOUNDARY)) break;
            pc++;
          }
        }
      }
      return false;
    },
  };
}
