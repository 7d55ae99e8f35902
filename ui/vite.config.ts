import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

// The app is served by Tauri from the embedded `dist/` folder; there is no dev server in the
// loop (tauri.conf.json has no devUrl). The CSP forbids inline scripts and styles, so every
// script and stylesheet must be a file: Svelte's component CSS is emitted as a .css asset.
export default defineConfig(({ mode }) => ({
  plugins: [svelte({ emitCss: true })],
  // Tests run Svelte's browser runtime, as the app does (the server's has no effects).
  resolve: mode === "test" ? { conditions: ["browser"] } : {},
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Tauri serves from its own protocol; a small inlined asset would need `data:` in the CSP.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    // Tests that use runes are compiled as the app's code is (for the browser: effects run;
    // compiled for a server, they would not).
    testTransformMode: { web: ["**/*.svelte.test.ts"] },
  },
}));
