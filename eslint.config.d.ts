// Types of what eslint.config.js exports, for tests/lint/layers.test.ts.
export declare const LAYERS: readonly { readonly folder: string; readonly allows: readonly string[] }[];
declare const config: unknown[];
export default config;
