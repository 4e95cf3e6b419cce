// Worker thread entry: registers the TypeScript loader (workers do not inherit it), then answers requests.
import { register } from "tsx/esm/api";

register();
await import("./matrix-text-worker.ts");
