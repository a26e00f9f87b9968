import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import type { Plugin } from "vite";

// govuk-frontend's service navigation carries an IE-only hack, `@media ... (min-width: 0\0)`
// (Sass turns the `\0` into U+FFFD), that vite's CSS minifier rejects as invalid. No engine the app runs in needs it, so drop it.
// If govuk-frontend changes the hack, this stops matching and the build fails loudly.
function stripIeMediaHack(): Plugin {
  const hack = /@media[^{}]*\(min-width: ?0(?:\\0|\uFFFD)\)\s*\{\s*[^{}]*\{[^{}]*\}\s*\}/g;
  return {
    name: "strip-ie-media-hack",
    transform(code, id) {
      if (!/\.s?css(\?|$)/.test(id)) return null;
      const stripped = code.replace(hack, "");
      return stripped === code ? null : { code: stripped, map: null };
    },
  };
}

export default defineConfig({
  plugins: [svelte(), svelteTesting(), stripIeMediaHack()],
  // Tauri serves the built files from its own protocol; relative URLs keep them resolvable.
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Anything inlined as a data: URL would be fine for images but not for scripts; keep assets as files.
    assetsInlineLimit: 0,
    target: "es2022",
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    // The page tests drive whole screens through user events and axe; on a 2-core machine
    // compiling at the same time the longest take several seconds. This is a bound against
    // hangs, not a speed target (speed is measured by the benchmark scripts).
    testTimeout: 20_000,
  },
});
