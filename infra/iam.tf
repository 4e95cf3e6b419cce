# Service accounts with least privilege; no project-wide admin or primitive roles.
#
# app (the Cloud Run service):
#   - runs the two trainer jobs with per-execution overrides, reads and cancels their executions: a
#     custom role granted on each job (not run.admin or run.developer on the project);
#   - reads and writes objects in the run bucket, and signs URLs to them (a custom role on itself with
#     iam.serviceAccounts.signBlob only, not the token creator role, which also mints access tokens);
#   - reads and writes documents in its Firestore database only (IAM condition on the database);
#   - reads its own secrets;
#   - with warehouse = "bigquery": runs BigQuery query jobs in the BigQuery project (jobUser) and reads
#     the one dataset it loads from (dataViewer on that dataset only).
# trainer (both jobs): reads and writes objects under runs/ in the run bucket, and reads the event key
# it derives its run's event token from; nothing else.
# scheduler (scheduler.tf): an identity for Cloud Scheduler's OIDC tokens only; no role at all.
#
# Whoever runs Terraform (a person or CI) needs the admin roles to create these; the app does not.

resource "google_service_account" "app" {
  account_id   = "${local.prefix}-app"
  display_name = "MMM Trainer app (${var.environment})"
}

resource "google_service_account" "trainer" {
  account_id   = "${local.prefix}-trainer"
  display_name = "MMM Trainer trainers (${var.environment})"
}

resource "google_project_iam_custom_role" "job_launcher" {
  role_id     = "${replace(local.prefix, "-", "_")}_job_launcher"
  title       = "MMM job launcher (${var.environment})"
  description = "Start a Cloud Run job with per-execution overrides, follow and cancel its executions."
  permissions = [
    "run.executions.cancel",
    "run.executions.get",
    "run.executions.list",
    "run.jobs.get",
    "run.jobs.runWithOverrides",
    "run.operations.get",
    # Per-task exit codes and reasons (out of memory, timeouts) for failed executions.
    "run.tasks.list",
  ]
}

resource "google_cloud_run_v2_job_iam_member" "app_launches_native" {
  name     = google_cloud_run_v2_job.trainer_native.name
  location = var.region
  role     = google_project_iam_custom_role.job_launcher.id
  member   = google_service_account.app.member
}

resource "google_cloud_run_v2_job_iam_member" "app_launches_robyn" {
  name     = google_cloud_run_v2_job.trainer_robyn.name
  location = var.region
  role     = google_project_iam_custom_role.job_launcher.id
  member   = google_service_account.app.member
}

resource "google_storage_bucket_iam_member" "app_objects" {
  bucket = google_storage_bucket.runs.name
  role   = "roles/storage.objectAdmin"
  member = google_service_account.app.member
}

# Signed URLs to artifacts are signed with the app's own key through the IAM signBlob API: that one
# permission, on the app's own account.
resource "google_project_iam_custom_role" "url_signer" {
  role_id     = "${replace(local.prefix, "-", "_")}_url_signer"
  title       = "MMM URL signer (${var.environment})"
  description = "Sign blobs (V4 signed URLs) as a service account, and nothing else."
  permissions = ["iam.serviceAccounts.signBlob"]
}

resource "google_service_account_iam_member" "app_signs_urls" {
  service_account_id = google_service_account.app.name
  role               = google_project_iam_custom_role.url_signer.id
  member             = google_service_account.app.member
}

resource "google_project_iam_member" "app_firestore" {
  project = var.project_id
  role    = "roles/datastore.user"
  member  = google_service_account.app.member

  condition {
    title       = "only-${local.prefix}-database"
    description = "Documents of the app's own Firestore database."
    expression  = "resource.name == \"projects/${var.project_id}/databases/${var.firestore_database}\""
  }
}

resource "google_secret_manager_secret_iam_member" "app_reads_secrets" {
  for_each  = google_secret_manager_secret.app
  secret_id = each.value.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.app.member
}

resource "google_secret_manager_secret_iam_member" "trainer_reads_event_key" {
  secret_id = google_secret_manager_secret.app["trainer_event_key"].id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.trainer.member
}

resource "google_storage_bucket_iam_member" "trainer_run_objects" {
  bucket = google_storage_bucket.runs.name
  role   = "roles/storage.objectUser"
  member = google_service_account.trainer.member

  condition {
    title       = "runs-prefix-only"
    description = "Objects under runs/ (each run's inputs and outputs)."
    expression  = "resource.name.startsWith(\"projects/_/buckets/${var.bucket_name}/objects/runs/\")"
  }
}

# Slack (and people following links) reach the app from the internet; the app checks Slack's request
# signatures and signs its own links, so the service itself is public.
resource "google_cloud_run_v2_service_iam_member" "public" {
  name     = google_cloud_run_v2_service.app.name
  location = var.region
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# BigQuery (warehouse = "bigquery"). Query jobs belong to a project, so running them is a project-level
# grant: roles/bigquery.jobUser lets the app create jobs (and see its own), not read any data. Reading is
# granted on the one dataset the app loads from. Neither allows changing data: together with the app's
# SQL checks this is the read-only rule Snowflake gets from its reader role.
locals {
  bigquery_project = var.bigquery.project != "" ? var.bigquery.project : var.project_id
}

resource "google_project_iam_member" "app_bigquery_jobs" {
  count   = var.warehouse == "bigquery" ? 1 : 0
  project = local.bigquery_project
  role    = "roles/bigquery.jobUser"
  member  = google_service_account.app.member
}

resource "google_bigquery_dataset_iam_member" "app_reads_dataset" {
  count      = var.warehouse == "bigquery" ? 1 : 0
  project    = local.bigquery_project
  dataset_id = var.bigquery.dataset
  role       = "roles/bigquery.dataViewer"
  member     = google_service_account.app.member
}
