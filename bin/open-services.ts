/** The app's services for a one-off command (runs, status, allocate): quiet, from the environment. */
import { loadConfig } from "../core/config.ts";
import { createServices, type Services } from "../core/services.ts";

export function openServicesQuietly(env: Record<string, string | undefined>): Promise<Services> {
  return createServices(loadConfig({ ...env, LOG_LEVEL: "silent" }));
}
