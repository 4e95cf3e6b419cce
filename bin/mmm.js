#!/usr/bin/env node
// The installed `mmm` command: registers the TypeScript loader (with this project's tsconfig, so the viewer's
// JSX compiles wherever the command is started from), then runs the CLI.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("./mmm.ts");
