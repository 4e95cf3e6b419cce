#!/usr/bin/env node
// The installed `mmm` command. It runs the compiled CLI (dist/, built by `npm ci` through `prepare`) when that
// build is at least as new as every source file, so a start pays no TypeScript compilation; otherwise (no
// build, or source edited since) it registers the TypeScript loader (with this project's tsconfig, so the
// viewer's JSX compiles wherever the command is started from) and runs the source.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const compiled = join(root, "dist", "bin", "mmm.js");
const SOURCE_FOLDERS = ["bin", "common", "core", "engine", "trainer", "bot", "viewer"];

function buildIsCurrent() {
  if (!existsSync(compiled)) return false;
  const built = statSync(compiled).mtimeMs;
  return SOURCE_FOLDERS.every((folder) =>
    readdirSync(join(root, folder), { recursive: true }).every(
      (file) =>
        !/(?<!\.test)\.(ts|tsx)$|\.(js|mjs|css|csv)$/.test(file) ||
        statSync(join(root, folder, file)).mtimeMs <= built,
    ),
  );
}

if (buildIsCurrent()) {
  await import(compiled);
} else {
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: join(root, "tsconfig.json") });
  await import("./mmm.ts");
}
