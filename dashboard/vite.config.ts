import { defineConfig } from "vite";

// `npm run dev` proxies the API and the socket to a `wnn serve` on port 5000.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 200 },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:5000",
      "/ws": { target: "ws://127.0.0.1:5000", ws: true },
    },
  },
});
