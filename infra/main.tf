# MMM Trainer for Slack on Google Cloud: the app as a Cloud Run service, both trainers as Cloud Run
# Jobs, a Cloud Storage bucket for runs, Firestore for the run store, Secret Manager for credentials and
# Artifact Registry for the images. See docs/deploy.md for the steps around `terraform apply`.
#
# State lives in a Cloud Storage bucket created beforehand (partial backend configuration):
#   terraform init -backend-config="bucket=<state-bucket>" -backend-config="prefix=mmm/<environment>"
# Commit the .terraform.lock.hcl that `terraform init` writes: it pins the provider build.

terraform {
  required_version = ">= 1.6.0, < 2.0.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.20"
    }
  }

  backend "gcs" {}
}

provider "google" {
  project = var.project_id
  region  = var.region
}

data "google_project" "this" {
  project_id = var.project_id
}

locals {
  prefix       = "${var.name_prefix}-${var.environment}"
  service_name = "${local.prefix}-app"
  job_native   = "${local.prefix}-trainer-native"
  job_robyn    = "${local.prefix}-trainer-robyn"
  # Cloud Run's deterministic service URL, known before the service exists (the app's links need it).
  run_url  = "https://${local.service_name}-${data.google_project.this.number}.${var.region}.run.app"
  base_url = var.custom_domain == "" ? local.run_url : "https://${var.custom_domain}"
  # Cloud Scheduler's target and the audience of its tokens (scheduler.tf).
  schedules_tick_url = "${local.base_url}/internal/schedules/tick"
}

# APIs the resources below need. Kept enabled on destroy: other things in the project may use them.
resource "google_project_service" "apis" {
  for_each = toset(concat([
    "artifactregistry.googleapis.com",
    # Ticks of the scheduled refreshes (scheduler.tf).
    "cloudscheduler.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    # Signing Cloud Storage URLs as the app's service account, which has no key (IAM signBlob).
    "iamcredentials.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
    ], var.warehouse == "bigquery" ? ["bigquery.googleapis.com"] : [],
  ))
  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}
