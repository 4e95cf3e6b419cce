// Worker thread entry of the Slack ack benchmark: registers the TypeScript loader (workers do not inherit it).
import { register } from "tsx/esm/api";

register();
await import("./slack-ack-load.ts");
