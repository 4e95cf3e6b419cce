#!/usr/bin/env node
// The installed `mmm` command: registers the TypeScript loader, then runs the CLI.
import { register } from "tsx/esm/api";

register();
await import("./mmm.ts");
