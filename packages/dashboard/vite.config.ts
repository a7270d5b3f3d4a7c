import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./scripts/precompress.js";

// The dashboard is served by the server at `/`; in development (`npx vite`) API calls go to a
// server on port 3000.
export default defineConfig({
  plugins: [react(), precompress("dist")],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
