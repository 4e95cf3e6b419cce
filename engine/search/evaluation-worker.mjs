// Worker thread entry: registers the TypeScript loader (workers do not inherit it), then evaluates batches.
import { register } from "tsx/esm/api";

register();
await import("./evaluation-worker.ts");
