# Artifact Registry for the three images. Cleanup keeps the ten newest versions of each image and
# deletes other versions after 30 days (the replaced product paid for every image it ever pushed).

resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = local.prefix
  description   = "Images of MMM Trainer for Slack: app, trainer-native, trainer-robyn."
  format        = "DOCKER"

  cleanup_policy_dry_run = false

  cleanup_policies {
    id     = "keep-newest"
    action = "KEEP"
    most_recent_versions {
      keep_count = 10
    }
  }

  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"
    condition {
      older_than = "2592000s"
    }
  }

  depends_on = [google_project_service.apis]
}
