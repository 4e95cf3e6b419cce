output "app_url" {
  description = "Where Slack and people reach the app (custom domain when set)."
  value       = local.base_url
}

output "slack_request_url" {
  description = "Request URL for the Slack app's events, commands and interactivity."
  value       = "${local.base_url}/slack/events"
}

output "service_name" {
  description = "Cloud Run service of the app."
  value       = google_cloud_run_v2_service.app.name
}

output "trainer_jobs" {
  description = "Cloud Run Jobs of the trainers (CLOUD_RUN_JOB_NATIVE, CLOUD_RUN_JOB_ROBYN)."
  value = {
    native = google_cloud_run_v2_job.trainer_native.name
    robyn  = google_cloud_run_v2_job.trainer_robyn.name
  }
}

output "bucket" {
  description = "Bucket of the runs (GCS_BUCKET)."
  value       = google_storage_bucket.runs.name
}

output "image_repository" {
  description = "Docker repository to push the three images to."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "service_accounts" {
  description = "Service accounts of the app and the trainers."
  value = {
    app     = google_service_account.app.email
    trainer = google_service_account.trainer.email
  }
}

output "secrets" {
  description = "Secret Manager secrets to fill with gcloud secrets versions add."
  value       = { for key, secret in google_secret_manager_secret.app : key => secret.secret_id }
}

output "custom_domain_records" {
  description = "DNS records to create for the custom domain (empty without one)."
  value       = var.custom_domain == "" ? [] : google_cloud_run_domain_mapping.app[0].status[0].resource_records
}
