import { describe, expect, it } from "vitest";
import { mmmErrorOf } from "../tests/support/expect-mmm-error.ts";
import { loadTrainerEnv, trainerEnvironment } from "./trainer-env.ts";

const RUN = "20261126T043012Z-de-7f3a9c";

describe("trainer environment", () => {
  it("reads back what the launcher writes, with the platform's task variables", () => {
    const written = trainerEnvironment({
      MMM_RUN_ID: RUN,
      MMM_EVENTS_URL: `http://127.0.0.1:8080/internal/runs/${RUN}/events`,
      MMM_EVENT_TOKEN: "token",
      ARTIFACTS: "local",
      MMM_ARTIFACTS_DIR: "/data/artifacts",
      TRAINER_WORKERS: 3,
    });
    expect(written.TRAINER_WORKERS).toBe("3");
    const read = loadTrainerEnv({ ...written, CLOUD_RUN_TASK_INDEX: "2", CLOUD_RUN_TASK_COUNT: "4" });
    expect(read).toMatchObject({
      MMM_RUN_ID: RUN,
      TRAINER_WORKERS: 3,
      CLOUD_RUN_TASK_INDEX: 2,
      CLOUD_RUN_TASK_COUNT: 4,
    });
  });

  it("names every missing or bad variable", () => {
    const error = mmmErrorOf(() =>
      loadTrainerEnv({ MMM_RUN_ID: "nope", ARTIFACTS: "gcs", MMM_EVENTS_URL: "http://x/events" }),
    );
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/MMM_RUN_ID/);
    expect(error.message).toMatch(/GCS_BUCKET is required with ARTIFACTS=gcs/);
    expect(error.message).toMatch(/MMM_EVENT_TOKEN is required/);
  });

  it("lets a Cloud Run job sign with the key it reads itself: the launcher sends no token", () => {
    const url = `https://app.example/internal/runs/${RUN}/events`;
    const written = trainerEnvironment({
      MMM_RUN_ID: RUN,
      MMM_EVENTS_URL: url,
      ARTIFACTS: "gcs",
      GCS_BUCKET: "b",
    });
    expect(written.MMM_EVENT_TOKEN).toBeUndefined();
    expect(() => loadTrainerEnv(written)).toThrow(/MMM_EVENT_TOKEN is required/);
    expect(loadTrainerEnv({ ...written, MMM_EVENT_KEY: "k".repeat(32) }).MMM_EVENT_KEY).toBe("k".repeat(32));
  });

  it("refuses to launch with an environment the trainer could not read", () => {
    expect(() => trainerEnvironment({ MMM_RUN_ID: RUN, ARTIFACTS: "local" })).toThrow(/MMM_ARTIFACTS_DIR/);
  });
});
