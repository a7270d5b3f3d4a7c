// Worker threads run compiled JavaScript from dist/, while tests import the TypeScript sources:
// before any test runs, the packages are built (incrementally: under a second when nothing
// changed), so the threads run the code the tests test.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  try {
    execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-b"], {
      cwd: root,
      stdio: "pipe",
    });
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    throw new Error(
      `the packages do not build, so worker threads would run stale code:\n${output}`,
    );
  }
}
