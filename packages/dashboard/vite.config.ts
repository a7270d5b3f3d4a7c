import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./scripts/precompress.js";

// The dashboard is served by the server at `/`; in development (`npx vite`) API calls go to a
// server on port 3000. Paths are relative to this file, whatever folder Vite is run from.
const outDir = fileURLToPath(new URL("dist", import.meta.url));

export default defineConfig({
  plugins: [react(), precompress(outDir)],
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
