/**
 * Child process of the dataset-upload benchmark (`dataset-upload.bench.ts`): the app as `mmm serve` runs
 * it (Hono, SQLite, local artifacts, the child-process launcher), in a data folder given as the first
 * argument, with the API token given as the second and a 1 GiB dataset limit. Prints `{"port": …}` once listening and stops on
 * SIGTERM. Run with `node --import tsx`.
 */
import { startApp } from "../../bin/commands/serve.ts";

const app = await startApp(
  {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MMM_DATA_DIR: process.argv[2],
    PORT: "0",
    LOG_LEVEL: "warn",
    TRAINER_WORKERS: "1",
    MMM_API_TOKENS: process.argv[3],
    DATASET_MAX_BYTES: String(1024 * 1024 * 1024),
  },
  { demo: false },
);
process.stdout.write(`${JSON.stringify({ port: Number(new URL(app.url).port) })}\n`);
process.once("SIGTERM", () => {
  void app.stop().then(() => process.exit(0));
});
