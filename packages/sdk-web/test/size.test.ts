// The browser SDK's weight as a page downloads it: the package entry bundled and minified with
// esbuild, then gzipped at level 9. It must stay at or under 5 KB.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { expect, it } from "vitest";

const LIMIT = 5 * 1024;

it("weighs at most 5 KB minified and gzipped", async () => {
  const built = await build({
    entryPoints: [new URL("../src/index.ts", import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const code = built.outputFiles[0]?.contents as Uint8Array;
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`@flagsync-oss/sdk-web: ${code.length} bytes minified, ${gzipped} bytes gzipped`);
  expect(gzipped).toBeLessThanOrEqual(LIMIT);
  // Web standards only: nothing of Node's in the bundle.
  expect(new TextDecoder().decode(code)).not.toMatch(/node:|require\(/);
});
