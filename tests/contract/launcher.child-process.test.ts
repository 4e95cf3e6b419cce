import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openChildProcessLauncher } from "../../core/launcher/child-process/child-process.ts";
import { launcherContract } from "./launcher.contract.ts";

launcherContract("child-process", async () => {
  const stateDir = await mkdtemp(join(tmpdir(), "mmm-launcher-"));
  const options = { stateDir, graceMs: 1000, sampleIntervalMs: 100 };
  return {
    launcher: await openChildProcessLauncher(options),
    reopen: () => openChildProcessLauncher(options),
    cleanup: () => rm(stateDir, { recursive: true, force: true }),
  };
});
