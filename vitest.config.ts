import { defineConfig } from "vitest/config";

// Two projects, chosen by path: `unit` (the `name.test.ts` files beside their modules: no process, server,
// database file or long search, so `npm run test:unit` runs in seconds) and `integration` (tests/: golden
// parity, port contracts against emulators and fakes, Slack over signed HTTP, the browser, the CLI as a
// process; and the `name.integration.test.ts` files beside their modules, which start servers, databases
// or child processes, train or search). `npm test` runs both.
const product = ["bin", "common", "core", "engine", "trainer", "bot", "viewer"];
const INTEGRATION_BESIDE = "**/*.integration.test.{ts,tsx}";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: product.map((folder) => `${folder}/**/*.test.{ts,tsx}`),
          exclude: [INTEGRATION_BESIDE],
          // One module graph per worker instead of one per file: importing afresh for every file was most
          // of the unit run (3-4 times its wall time). Unit tests therefore leave no global state behind
          // (fake timers restored, no environment written, no module mocks).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: [
            "tests/**/*.test.{ts,tsx}",
            ...product.map((folder) => `${folder}/${INTEGRATION_BESIDE}`),
          ],
        },
      },
    ],
  },
});
