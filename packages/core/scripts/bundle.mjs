// Builds the browser bundle of core and reports its size. Fails if anything pulls in a Node
// built-in, since core must run unchanged in browsers and workers.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles core for browsers; returns the minified code and the modules it imports from outside. */
export async function bundleCore() {
  const result = await build({
    entryPoints: [join(root, "src/index.ts")],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text ?? "";
  const external = Object.values(result.metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external).map((i) => i.path),
  );
  return {
    code,
    external,
    minified: Buffer.byteLength(code),
    gzipped: gzipSync(code, { level: 9 }).length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { code, external, minified, gzipped } = await bundleCore();
  if (external.length > 0) {
    console.error(`core's browser bundle imports outside modules: ${external.join(", ")}`);
    process.exit(1);
  }
  mkdirSync(join(root, "dist-browser"), { recursive: true });
  writeFileSync(join(root, "dist-browser/core.min.js"), code);
  console.log(`dist-browser/core.min.js: ${minified} bytes minified, ${gzipped} bytes gzipped`);
}
