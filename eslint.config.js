// Lint rules: typescript-eslint's recommended set plus a few habits of this codebase.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
);
