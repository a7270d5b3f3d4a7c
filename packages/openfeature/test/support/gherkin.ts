// A small runner of gherkin scenarios: features are parsed and compiled to pickles (one per
// scenario and example row) by @cucumber/gherkin, and each pickle's steps are matched against
// step definitions (regular expressions) and run in order.
import { readFileSync } from "node:fs";
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from "@cucumber/gherkin";
import { IdGenerator, type Pickle } from "@cucumber/messages";

/** One step definition: its pattern, and what it does with the captured groups and data table. */
export interface StepDefinition<W> {
  pattern: RegExp;
  run(world: W, args: string[], table: string[][] | undefined): unknown;
}

/** How a scenario ended: every step passed, a step failed, or a step has no definition. */
export type Outcome =
  | { status: "passed" }
  | { status: "failed"; step: string; error: unknown }
  | { status: "undefined"; step: string };

/** The scenarios of a feature file, one pickle per scenario and example row. */
export function loadPickles(path: string): readonly Pickle[] {
  const newId = IdGenerator.incrementing();
  const parser = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher());
  const document = parser.parse(readFileSync(path, "utf8"));
  return compile(document, path, newId);
}

/** Runs a pickle's steps in order; stops at the first one that fails or has no definition. */
export async function runPickle<W>(
  pickle: Pickle,
  definitions: StepDefinition<W>[],
  world: W,
): Promise<Outcome> {
  for (const step of pickle.steps) {
    const found = definitions
      .map((definition) => ({ definition, match: definition.pattern.exec(step.text) }))
      .filter((candidate) => candidate.match !== null);
    if (found.length === 0) return { status: "undefined", step: step.text };
    if (found.length > 1)
      throw new Error(`ambiguous step "${step.text}": ${found.map((f) => f.definition.pattern)}`);
    const { definition, match } = found[0] as { definition: StepDefinition<W>; match: string[] };
    const table = step.argument?.dataTable?.rows.map((row) => row.cells.map((cell) => cell.value));
    try {
      await definition.run(world, match.slice(1), table);
    } catch (error) {
      return { status: "failed", step: step.text, error };
    }
  }
  return { status: "passed" };
}
