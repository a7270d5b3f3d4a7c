// Writes a Brotli (.br) and a gzip (.gz) copy next to each text file of the built dashboard, so
// the server sends compressed files without compressing on every request.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const TEXT = /\.(js|css|html|svg|json|txt|map)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A Vite plugin that precompresses the output once the bundle is written. */
export function precompress(outDir: string): Plugin {
  return {
    name: "flagsync-precompress",
    apply: "build",
    closeBundle() {
      for (const file of filesUnder(outDir)) {
        if (!TEXT.test(file)) continue;
        const content = readFileSync(file);
        // Tiny files gain nothing from compression.
        if (content.length < 1024) continue;
        // Quality 9: within a few percent of the best ratio, in a fraction of the time.
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 9 },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}
