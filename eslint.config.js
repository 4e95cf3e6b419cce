// Lint rules: typescript-eslint's recommended set plus a few habits of this codebase.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The layers, innermost first: each top-level folder may import only from itself and the folders to its
 * left (common ← engine ← core ← bot/viewer/trainer ← bin). Tests (`*.test.ts`, `tests/`) may import
 * anything. `tests/lint/layers.test.ts` proves a forbidden import fails.
 */
export const LAYERS = [
  { folder: "common", allows: [] },
  { folder: "engine", allows: ["common"] },
  { folder: "core", allows: ["common", "engine"] },
  { folder: "bot", allows: ["common", "engine", "core"] },
  { folder: "viewer", allows: ["common", "engine", "core"] },
  { folder: "trainer", allows: ["common", "engine", "core"] },
  { folder: "bin", allows: ["common", "engine", "core", "bot", "viewer", "trainer"] },
];
const TOP_LEVEL = [...LAYERS.map((layer) => layer.folder), "tests"];

/** `no-restricted-imports` patterns that forbid every other top-level folder, at any relative depth. */
function forbiddenFor(layer) {
  const forbidden = TOP_LEVEL.filter((folder) => folder !== layer.folder && !layer.allows.includes(folder));
  return [
    {
      regex: `^(\\.\\./)+(${forbidden.join("|")})/`,
      message: `${layer.folder}/ may import only from ${[layer.folder, ...layer.allows].join(", ")} (see LAYERS in eslint.config.js).`,
    },
  ];
}

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "**/*.min.js", "tests/browser/screenshots/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        setImmediate: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        performance: "readonly",
        structuredClone: "readonly",
        AbortController: "readonly",
        AbortSignal: "readonly",
        fetch: "readonly",
        Response: "readonly",
        Request: "readonly",
        Headers: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        document: "readonly",
        window: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": "off",
    },
  },
  {
    // The engine and its pictures handle columns as long as the data: spreading an array into a call
    // puts every element on the stack, and a few hundred thousand overflow it (RangeError).
    files: ["engine/**/*.ts", "engine/**/*.tsx"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: ":matches(CallExpression, NewExpression) > SpreadElement",
          message:
            "No spread into a call in engine/: a long array overflows the stack. Use a loop (push, max, min) or engine/stats/extent.ts.",
        },
        {
          selector: "CallExpression[callee.property.name='apply']",
          message: "No fn.apply in engine/: a long argument array overflows the stack. Use a loop.",
        },
      ],
    },
  },
  ...LAYERS.map((layer) => ({
    files: [`${layer.folder}/**/*.{ts,tsx,js,mjs}`],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: forbiddenFor(layer) }] },
  })),
);
