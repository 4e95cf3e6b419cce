/**
 * Checks of the Terraform in `infra/` without Terraform or a cloud account: every `.tf` file and both
 * tfvars files are parsed with @cdktf/hcl2json (HCL → JSON, the structure Terraform's JSON syntax uses:
 * blocks become arrays of objects), then:
 *
 * - variables: every `var.x` used is declared, every declared variable is used and has a type and a
 *   description, and the tfvars files set only declared variables (all the required ones);
 * - least privilege: no primitive roles (owner, editor, viewer), no `roles/run.admin`, no other
 *   `*.admin` role, no project-wide binding without a condition except the ones listed here;
 * - the app service scales to zero with CPU always allocated, and both trainer jobs exist with a
 *   timeout, no retries and the trainer service account;
 * - the bucket has uniform access, and the trainers' access is limited to `runs/` by a condition;
 * - the app is deployed in a state that works: Sign in with Slack required (the app refuses to listen
 *   on Cloud Run without it), user groups, API tokens and the optional Google sign-in wired, and the environment Terraform gives the
 *   container passes the app's own configuration and start checks.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { beforeAll, describe, expect, it } from "vitest";
import { exposureWarning, googleSignInConfigured, loadConfig } from "../../core/config.ts";

const INFRA = join(import.meta.dirname, "../../infra");

type Block = Record<string, unknown>;
type Parsed = Record<string, Record<string, Record<string, Block[]>>>;

const tfFiles = readdirSync(INFRA)
  .filter((name) => name.endsWith(".tf"))
  .sort();
const tfvarsFiles = ["dev.tfvars", "prod.tfvars"];
const read = (name: string) => readFileSync(join(INFRA, name), "utf8");

let parsed: Record<string, Parsed>;
let tfvars: Record<string, Record<string, unknown>>;

beforeAll(async () => {
  parsed = {};
  for (const name of tfFiles) parsed[name] = (await parse(name, read(name))) as Parsed;
  tfvars = {};
  for (const name of tfvarsFiles) tfvars[name] = (await parse(name, read(name))) as Record<string, unknown>;
});

/** Every block of one kind (`resource`, `variable`, …) across the files, keyed "type.name" or "name". */
function blocks(kind: "resource" | "data"): Map<string, Block> {
  const all = new Map<string, Block>();
  for (const file of Object.values(parsed)) {
    for (const [type, named] of Object.entries(file[kind] ?? {})) {
      for (const [name, list] of Object.entries(named)) all.set(`${type}.${name}`, list[0]!);
    }
  }
  return all;
}

function variables(): Map<string, Block> {
  const all = new Map<string, Block>();
  for (const file of Object.values(parsed)) {
    for (const [name, list] of Object.entries((file.variable ?? {}) as unknown as Record<string, Block[]>)) {
      all.set(name, list[0]!);
    }
  }
  return all;
}

/** The source text without comments, for reference and role scans. */
function code(name: string): string {
  return read(name)
    .split("\n")
    .map((line) => line.replace(/(^|\s)(#|\/\/).*$/, ""))
    .join("\n");
}

const allCode = () => tfFiles.map(code).join("\n");
const first = (value: unknown): Block => (Array.isArray(value) ? (value[0] as Block) : (value as Block));

describe("Terraform", () => {
  it("is split by concern and every file parses", () => {
    for (const name of [
      "main.tf",
      "variables.tf",
      "iam.tf",
      "run.tf",
      "storage.tf",
      "firestore.tf",
      "secrets.tf",
      "registry.tf",
      "outputs.tf",
    ]) {
      expect(tfFiles).toContain(name);
    }
    for (const name of tfFiles) expect(parsed[name], name).toBeTypeOf("object");
  });

  it("pins Terraform and the provider versions", () => {
    const terraform = first((parsed["main.tf"] as unknown as { terraform: unknown }).terraform);
    expect(terraform.required_version).toMatch(/>=\s*1\.\d+/);
    const providers = first(terraform.required_providers) as Record<
      string,
      { source: string; version: string }
    >;
    expect(providers.google!.source).toBe("hashicorp/google");
    expect(providers.google!.version).toMatch(/^~>\s*\d+\.\d+$/);
  });

  it("declares every variable it uses, uses every variable it declares, with a type and a description", () => {
    const declared = variables();
    const used = new Set([...allCode().matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !declared.has(name)).sort()).toEqual([]);
    expect([...declared.keys()].filter((name) => !used.has(name)).sort()).toEqual([]);
    for (const [name, variable] of declared) {
      expect(variable.type, `variable ${name} has no type`).toBeDefined();
      expect(String(variable.description ?? ""), `variable ${name} has no description`).not.toBe("");
    }
  });

  it.each(tfvarsFiles)("%s sets only declared variables, and every required one", (file) => {
    const declared = variables();
    const set = Object.keys(tfvars[file]!);
    expect(set.filter((name) => !declared.has(name))).toEqual([]);
    const required = [...declared].filter(([, v]) => !("default" in v)).map(([name]) => name);
    expect(required.filter((name) => !set.includes(name))).toEqual([]);
  });

  it("grants no primitive or admin roles", () => {
    const text = allCode() + tfvarsFiles.map(read).join("\n");
    expect(text).not.toMatch(/roles\/(owner|editor|viewer)\b/);
    expect(text).not.toMatch(/roles\/run\.admin\b/);
    expect(text).not.toMatch(/roles\/[a-zA-Z.]*\.admin\b|roles\/[a-zA-Z]*[Aa]dmin\b/);
    expect(text).not.toMatch(/\bACCOUNTADMIN\b/);
  });

  it("binds project-wide roles only with a condition", () => {
    // BigQuery query jobs belong to a project, and IAM conditions cannot narrow job creation:
    // roles/bigquery.jobUser creates jobs and reads no data (data is granted on one dataset).
    const unconditional = new Set(["google_project_iam_member.app_bigquery_jobs"]);
    for (const [name, resource] of blocks("resource")) {
      if (!name.startsWith("google_project_iam_member.") && !name.startsWith("google_project_iam_binding."))
        continue;
      if (unconditional.has(name)) continue;
      expect(resource.condition, `${name} is a project-wide binding without a condition`).toBeDefined();
    }
    expect(blocks("resource").has("google_project_iam_binding.any")).toBe(false);
  });

  it("lets the app run its jobs with overrides through a custom role on each job", () => {
    const resources = blocks("resource");
    const role = resources.get("google_project_iam_custom_role.job_launcher")!;
    expect(role.permissions).toEqual(
      expect.arrayContaining(["run.jobs.runWithOverrides", "run.executions.cancel"]),
    );
    expect(
      (role.permissions as string[]).filter((p) => /\.(create|update|delete|setIamPolicy)$/.test(p)),
    ).toEqual([]);
    for (const job of ["trainer_native", "trainer_robyn"]) {
      const binding = [...resources.entries()].find(
        ([name, r]) =>
          name.startsWith("google_cloud_run_v2_job_iam_member.") && String(r.name).includes(`.${job}.`),
      );
      expect(binding, `no launcher binding on ${job}`).toBeDefined();
      expect(binding![1].member).toContain("google_service_account.app");
    }
  });

  it("scales the app to zero with CPU always allocated", () => {
    const service = blocks("resource").get("google_cloud_run_v2_service.app")!;
    const template = first(service.template);
    const scaling = first(template.scaling);
    expect(scaling.min_instance_count).toBe(0);
    const container = first(template.containers);
    expect(first(container.resources).cpu_idle).toBe(false);
  });

  it("has a job for each trainer with a timeout, no retries and the trainers' account", () => {
    const resources = blocks("resource");
    for (const [name, image, cores] of [
      ["trainer_native", "var.trainer_native_image", "TRAINER_WORKERS"],
      ["trainer_robyn", "var.trainer_robyn_image", "MMM_CORES"],
    ] as const) {
      const job = resources.get(`google_cloud_run_v2_job.${name}`);
      expect(job, `job ${name}`).toBeDefined();
      const task = first(first(job!.template).template);
      expect(String(task.timeout)).toMatch(/s$/);
      expect(task.max_retries).toBe(0);
      expect(String(task.service_account)).toContain("google_service_account.trainer");
      const container = first(task.containers);
      expect(String(container.image)).toContain(image);
      const env = (container.env as Block[]).map((e) => e.name);
      expect(env).toEqual(expect.arrayContaining(["GCS_BUCKET", cores]));
    }
  });

  it("keeps the bucket private and the trainers inside runs/", () => {
    const resources = blocks("resource");
    const bucket = resources.get("google_storage_bucket.runs")!;
    expect(bucket.uniform_bucket_level_access).toBe(true);
    expect(bucket.public_access_prevention).toBe("enforced");
    const trainer = resources.get("google_storage_bucket_iam_member.trainer_run_objects")!;
    expect(String(first(trainer.condition).expression)).toContain("/objects/runs/");
    const trainerBindings = [...resources.entries()].filter(([, r]) =>
      String(r.member ?? "").includes("google_service_account.trainer"),
    );
    expect(trainerBindings.map(([name]) => name).sort()).toEqual([
      "google_secret_manager_secret_iam_member.trainer_reads_event_key",
      "google_storage_bucket_iam_member.trainer_run_objects",
    ]);
    const eventKey = resources.get("google_secret_manager_secret_iam_member.trainer_reads_event_key")!;
    expect(String(eventKey.secret_id)).toContain('["trainer_event_key"]');
  });

  it("lets the app sign URLs with signBlob only, not the token creator role", () => {
    const resources = blocks("resource");
    expect(allCode()).not.toContain("roles/iam.serviceAccountTokenCreator");
    const role = resources.get("google_project_iam_custom_role.url_signer")!;
    expect(role.permissions).toEqual(["iam.serviceAccounts.signBlob"]);
    const binding = resources.get("google_service_account_iam_member.app_signs_urls")!;
    expect(String(binding.role)).toContain("google_project_iam_custom_role.url_signer");
  });

  it("gives trainers the event key from Secret Manager, never an event token", () => {
    expect(allCode()).not.toContain("MMM_EVENT_TOKEN");
    const resources = blocks("resource");
    for (const name of ["trainer_native", "trainer_robyn"]) {
      const container = first(
        first(first(resources.get(`google_cloud_run_v2_job.${name}`)!.template).template).containers,
      );
      const key = (container.env as Block[]).find((e) => e.name === "MMM_EVENT_KEY");
      expect(key, `${name} has no MMM_EVENT_KEY`).toBeDefined();
      expect(String(first(first(key!.value_source).secret_key_ref).secret)).toContain(
        '["trainer_event_key"]',
      );
    }
    expect(code("run.tf")).toMatch(
      /MMM_EVENT_KEY\s*=\s*google_secret_manager_secret\.app\["trainer_event_key"\]/,
    );
  });

  it("stores no secret values in Terraform", () => {
    expect(
      [...blocks("resource").keys()].filter((name) =>
        name.startsWith("google_secret_manager_secret_version"),
      ),
    ).toEqual([]);
    const text = tfvarsFiles.map(read).join("\n");
    expect(text).not.toMatch(/xox[bpa]-|BEGIN [A-Z ]*PRIVATE KEY/);
  });

  it("requires Sign in with Slack, so the viewer on Cloud Run never runs in local mode", () => {
    const declared = variables();
    for (const name of ["slack_client_id", "slack_team_id"]) {
      const variable = declared.get(name)!;
      expect("default" in variable, `${name} must be required`).toBe(false);
      expect(String(first(variable.validation).condition), name).toContain(`var.${name}`);
    }
    const secretEnv = String(appLocals().app_secret_env);
    // The client secret is always wired, not only when a client id happens to be set.
    expect(secretEnv).toMatch(/^\$\{merge\(\s*\{[^}]*SLACK_CLIENT_SECRET\s*=/);
    expect(code("run.tf")).not.toMatch(/slack_client_id\s*==\s*""/);
  });

  it("wires SLACK_ALLOWED_USERGROUPS and MMM_API_TOKENS (from Secret Manager)", () => {
    const env = appLocals().app_env as Record<string, string>;
    expect(env.SLACK_ALLOWED_USERGROUPS).toContain("var.slack_allowed_usergroups");
    expect(env.MMM_API_TOKENS).toBeUndefined();
    expect(String(appLocals().app_secret_env)).toMatch(
      /var\.api_tokens_secret \? \{\s*MMM_API_TOKENS\s*=\s*google_secret_manager_secret\.app\["api_tokens"\]/,
    );
    expect(code("secrets.tf")).toMatch(/api_tokens\s*=\s*"\$\{local\.prefix\}-api-tokens"/);
  });

  it("ticks the schedules from Cloud Scheduler with an OIDC token of an account that holds no role", () => {
    const resources = blocks("resource");
    const job = resources.get("google_cloud_scheduler_job.schedules_tick")!;
    const target = first(job.http_target);
    expect(target.uri).toBe("${local.schedules_tick_url}");
    expect(target.http_method).toBe("POST");
    const oidc = first(target.oidc_token);
    expect(oidc.service_account_email).toBe("${google_service_account.scheduler.email}");
    expect(oidc.audience).toBe("${local.schedules_tick_url}");
    const env = appLocals().app_env as Record<string, string>;
    expect(env.SCHEDULER).toBe("cloud-scheduler");
    expect(env.SCHEDULER_SERVICE_ACCOUNT).toBe(oidc.service_account_email);
    expect(env.SCHEDULER_AUDIENCE).toBe(oidc.audience);
    const grants = [...resources.entries()].filter(
      ([name, r]) => /_iam_(member|binding)\./.test(name) && String(r.member).includes("scheduler"),
    );
    expect(grants).toEqual([]);
  });

  it("wires Sign in with Google when a client id is set, and only with allowed e-mail domains", () => {
    const env = appLocals().app_env as Record<string, string>;
    expect(env.GOOGLE_CLIENT_ID).toBe("${var.google_client_id}");
    expect(env.ALLOWED_EMAIL_DOMAINS).toBe('${join(",", var.allowed_email_domains)}');
    expect(env.GOOGLE_ADMIN_EMAILS).toBe('${join(",", var.google_admin_emails)}');
    // The secret is read only with a client id: Cloud Run refuses a secret without a version.
    expect(String(appLocals().app_secret_env)).toMatch(
      /var\.google_client_id != "" \? \{\s*GOOGLE_CLIENT_SECRET\s*=\s*google_secret_manager_secret\.app\["google_client_secret"\]/,
    );
    expect(code("secrets.tf")).toMatch(
      /google_client_secret\s*=\s*"\$\{local\.prefix\}-google-client-secret"/,
    );
    const lifecycle = first(blocks("resource").get("google_cloud_run_v2_service.app")!.lifecycle);
    expect(String(first(lifecycle.precondition).condition)).toContain(
      "length(var.allowed_email_domains) > 0",
    );
    expect(variables().get("google_client_id")!.default).toBe("");

    // With a Google client and domains set, the container's environment turns Google sign-in on.
    const values = {
      ...tfvars["prod.tfvars"]!,
      google_client_id: "1234-abc.apps.googleusercontent.com",
      allowed_email_domains: ["example.com"],
      google_admin_emails: ["ann@example.com"],
    };
    const containerEnv: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) containerEnv[name] = resolve(value, values);
    for (const [, name] of String(appLocals().app_secret_env).matchAll(/^\s*([A-Z_]+)\s*=/gm)) {
      containerEnv[name!] = `secret-${name!.toLowerCase()}-0123456789abcdefghijklmnopqrstuvwxyz`;
    }
    const config = loadConfig(containerEnv);
    expect(googleSignInConfigured(config)).toBe(true);
    expect(config.ALLOWED_EMAIL_DOMAINS).toEqual(["example.com"]);
  });

  it.each(tfvarsFiles)(
    "gives the container an environment the app accepts and starts with on 0.0.0.0 (%s)",
    (file) => {
      const dockerHost = /HOST=(\S+)/.exec(
        readFileSync(join(INFRA, "../docker/app.Dockerfile"), "utf8"),
      )?.[1];
      expect(dockerHost).toBe("0.0.0.0");
      const values = tfvars[file]!;
      const env: Record<string, string> = { HOST: dockerHost!, ...containerEnv(values) };
      for (const [, name] of String(appLocals().app_secret_env).matchAll(/^\s*([A-Z_]+)\s*=/gm)) {
        env[name!] = `secret-${name!.toLowerCase()}-0123456789abcdefghijklmnopqrstuvwxyz`;
      }
      const config = loadConfig(env);
      expect(config.WAREHOUSE).toBe(values.warehouse);
      expect(() => exposureWarning(config)).not.toThrow();
      expect(exposureWarning(config)).toBeUndefined();
      expect(config.MMM_API_TOKENS.length).toBeGreaterThan(0);
    },
  );

  it("offers both warehouses: Snowflake with its key secret, BigQuery as the app's own account", () => {
    const warehouse = variables().get("warehouse")!;
    expect(warehouse.default).toBe("snowflake");
    expect(String(first(warehouse.validation).condition)).toContain('["snowflake", "bigquery"]');
    expect(new Set(tfvarsFiles.map((f) => tfvars[f]!.warehouse))).toEqual(new Set(["snowflake", "bigquery"]));
    const bigquery = containerEnv(tfvars["dev.tfvars"]!);
    expect(bigquery).toMatchObject({
      WAREHOUSE: "bigquery",
      BIGQUERY_DATASET: "marketing_mmm",
      BIGQUERY_LOCATION: "EU",
      BIGQUERY_MAX_BYTES_BILLED: "1073741824",
    });
    expect(Object.keys(bigquery).filter((name) => name.startsWith("SNOWFLAKE_"))).toEqual([]);
    // No key: the app authenticates as its service account, and BIGQUERY_PROJECT defaults to its project.
    expect(bigquery.BIGQUERY_KEY_FILE).toBeUndefined();
    expect(bigquery.BIGQUERY_PROJECT).toBeUndefined();
    expect(bigquery.GOOGLE_CLOUD_PROJECT).toBe(tfvars["dev.tfvars"]!.project_id);
    const snowflake = containerEnv(tfvars["prod.tfvars"]!);
    expect(snowflake.WAREHOUSE).toBe("snowflake");
    expect(Object.keys(snowflake).filter((name) => name.startsWith("BIGQUERY_"))).toEqual([]);

    const resources = blocks("resource");
    const jobs = resources.get("google_project_iam_member.app_bigquery_jobs")!;
    const dataset = resources.get("google_bigquery_dataset_iam_member.app_reads_dataset")!;
    expect([jobs.role, dataset.role]).toEqual(["roles/bigquery.jobUser", "roles/bigquery.dataViewer"]);
    for (const grant of [jobs, dataset]) {
      expect(grant.count).toBe('${var.warehouse == "bigquery" ? 1 : 0}');
      expect(grant.member).toBe("${google_service_account.app.member}");
    }
    expect(dataset.dataset_id).toBe("${var.bigquery.dataset}");
    expect(allCode()).not.toMatch(/roles\/bigquery\.(dataEditor|dataOwner|user)\b/);
    expect(code("main.tf")).toMatch(/var\.warehouse == "bigquery" \? \["bigquery\.googleapis\.com"\]/);
  });
});

function appLocals(): Record<string, unknown> {
  return first((parsed["run.tf"] as unknown as { locals: unknown }).locals);
}

/**
 * The plain environment Terraform gives the app's container with `values` (a tfvars file): `app_env`
 * merged with the chosen warehouse's part of `warehouse_env`, empty values left out as run.tf does.
 */
function containerEnv(values: Record<string, unknown>): Record<string, string> {
  const warehouse = String(values.warehouse ?? variables().get("warehouse")!.default);
  const byWarehouse = appLocals().warehouse_env as Record<string, Record<string, string>>;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({
    ...(appLocals().app_env as Record<string, string>),
    ...byWarehouse[warehouse],
  })) {
    const resolved = resolve(value, values);
    if (resolved !== "") env[name] = resolved;
  }
  return env;
}

/**
 * The value an `app_env` expression takes with `values` (a tfvars file, then the variables' defaults):
 * `var.x`, `var.x.y`, `join(",", var.x)` and `tostring(var.x)` or `tostring(var.x.y)`; resource and local references (URLs and
 * names known only after apply) become plausible stand-ins.
 */
function resolve(expression: string, values: Record<string, unknown>): string {
  const value = (name: string) => (name in values ? values[name] : variables().get(name)?.default);
  let m: RegExpExecArray | null;
  if (!expression.includes("${")) return expression;
  if ((m = /^\$\{var\.(\w+)(?:\.(\w+))?\}$/.exec(expression))) {
    const found = value(m[1]!);
    // An optional attribute left out of the tfvars is "" (the string attributes' default).
    return String((m[2] ? (found as Record<string, unknown> | undefined)?.[m[2]] : found) ?? "");
  }
  if ((m = /^\$\{join\(",", var\.(\w+)\)\}$/.exec(expression))) return (value(m[1]!) as string[]).join(",");
  if ((m = /^\$\{tostring\(var\.(\w+)(?:\.(\w+))?\)\}$/.exec(expression))) {
    const found = value(m[1]!);
    return String(m[2] ? (found as Record<string, unknown>)[m[2]] : found);
  }
  if (expression === "${local.base_url}") return "https://mmm-prod-app-123456789.europe-west1.run.app";
  if (expression === "${local.schedules_tick_url}")
    return "https://mmm-prod-app-123456789.europe-west1.run.app/internal/schedules/tick";
  if (/^\$\{google_service_account\.\w+\.email\}$/.test(expression))
    return "mmm-prod-scheduler@project.iam.gserviceaccount.com";
  return "stand-in-for-a-name-known-after-apply";
}
