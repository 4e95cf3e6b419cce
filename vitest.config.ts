import { defineConfig } from "vitest/config";

// Two projects: `unit` (the tests beside their modules, run alone with `npm run test:unit`) and
// `integration` (tests/: golden parity, port contracts against emulators and fakes, Slack over signed
// HTTP, the browser, the CLI as a process). `npm test` runs both.
const product = ["bin", "common", "core", "engine", "trainer", "bot", "viewer"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: product.map((folder) => `${folder}/**/*.test.{ts,tsx}`) },
      },
      { extends: true, test: { name: "integration", include: ["tests/**/*.test.{ts,tsx}"] } },
    ],
  },
});
