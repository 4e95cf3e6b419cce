/**
 * Cloud Run resource names and the API endpoint setting.
 *
 * An execution's id, as the launcher hands it out and the run store keeps it, is its full resource name
 * `projects/P/locations/L/jobs/J/executions/E`: it stays meaningful after a restart with other settings,
 * and needs no lookup to be described or cancelled.
 */

/** Job and execution names: lower-case letters, digits and hyphens, starting with a letter (≤ 63). */
const NAME = "[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?";
/** Project ids (and the rare domain-scoped `example.com:project`), and region names. */
const PROJECT = "[a-z0-9][-a-z0-9.:]{0,99}";
const LOCATION = "[a-z0-9][-a-z0-9]{0,62}";

const EXECUTION = new RegExp(
  `^projects/(${PROJECT})/locations/(${LOCATION})/jobs/(${NAME})/executions/(${NAME})$`,
);
const JOB = new RegExp(`^${NAME}$`);

export interface ExecutionName {
  readonly project: string;
  readonly location: string;
  readonly job: string;
  readonly execution: string;
}

export function parseExecutionName(id: string): ExecutionName | undefined {
  const match = typeof id === "string" ? EXECUTION.exec(id) : null;
  if (match === null) return undefined;
  const [, project, location, job, execution] = match as unknown as [string, string, string, string, string];
  return { project, location, job, execution };
}

export function isJobName(name: string): boolean {
  return JOB.test(name);
}

export function jobResourceName(project: string, region: string, job: string): string {
  return `projects/${project}/locations/${region}/jobs/${job}`;
}

export interface ApiEndpoint {
  readonly apiEndpoint: string;
  readonly port?: number;
  readonly protocol?: string;
}

/**
 * `CLOUD_RUN_API_ENDPOINT` as the client's options: a host (`europe-west1-run.googleapis.com`), a host
 * and port, or a URL (`http://127.0.0.1:8123` for a loopback fake).
 */
export function parseApiEndpoint(text: string): ApiEndpoint {
  const value = text.trim();
  if (/^[a-z]+:\/\//i.test(value)) {
    const url = new URL(value);
    const protocol = url.protocol.replace(/:$/, "");
    return {
      apiEndpoint: url.hostname,
      port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443,
      protocol,
    };
  }
  const match = /^(.*):(\d+)$/.exec(value);
  return match ? { apiEndpoint: match[1]!, port: Number(match[2]) } : { apiEndpoint: value };
}
