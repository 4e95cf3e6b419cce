# The run bucket: runs/<runId>/ holds spec.json, input.csv (the data snapshot), status.json, log.txt and
# output/. Uniform bucket-level access (IAM only, no ACLs; needed for the trainer's prefix condition)
# and no public access. Old runs are deleted after run_retention_days when set; colder storage classes
# are not used, because old runs stay browsable in the viewer and Nearline/Coldline charge per read.

resource "google_storage_bucket" "runs" {
  name                        = var.bucket_name
  location                    = var.bucket_location
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  dynamic "lifecycle_rule" {
    for_each = var.run_retention_days > 0 ? [var.run_retention_days] : []
    content {
      condition {
        age            = lifecycle_rule.value
        matches_prefix = ["runs/"]
      }
      action {
        type = "Delete"
      }
    }
  }

  lifecycle_rule {
    condition {
      age = 1
    }
    action {
      type = "AbortIncompleteMultipartUpload"
    }
  }

  labels = {
    app         = var.name_prefix
    environment = var.environment
  }

  depends_on = [google_project_service.apis]
}
