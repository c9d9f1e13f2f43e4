import { resolve } from "node:path"
import { defineConfig, externalizeDepsPlugin } from "electron-vite"
import react from "@vitejs/plugin-react"

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    // The engine host's worker is an entry of its own: main starts it as out/main/engineWorker.js.
    build: { rollupOptions: { input: { index: resolve(__dirname, "src/main/index.ts"), engineWorker: resolve(__dirname, "src/main/engineHost/engineWorker.ts") } } },
  },
  // Sandboxed preloads run as one classic CommonJS script: bundle everything except electron.
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, "src/preload/index.ts") },
        external: ["electron"],
        output: { format: "cjs", entryFileNames: "[name].cjs" },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, "src/renderer"),
    plugins: [react()],
    build: { rollupOptions: { input: { index: resolve(__dirname, "src/renderer/index.html") } } },
  },
})
