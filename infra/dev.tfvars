# Development environment (its own project is recommended). Image digests come from `docker push`.
project_id           = "my-mmm-dev"
region               = "europe-west1"
environment          = "dev"
app_image            = "europe-west1-docker.pkg.dev/my-mmm-dev/mmm-dev/mmm-app@sha256:0000000000000000000000000000000000000000000000000000000000000000"
trainer_native_image = "europe-west1-docker.pkg.dev/my-mmm-dev/mmm-dev/mmm-trainer-native@sha256:0000000000000000000000000000000000000000000000000000000000000000"
trainer_robyn_image  = "europe-west1-docker.pkg.dev/my-mmm-dev/mmm-dev/mmm-trainer-robyn@sha256:0000000000000000000000000000000000000000000000000000000000000000"
bucket_name          = "my-mmm-dev-runs"
bucket_location      = "europe-west1"
run_retention_days   = 30
firestore_location   = "europe-west1"
app_max_instances    = 1
robyn_memory         = "16Gi"
max_concurrent_runs  = 1
deletion_protection  = false
log_level            = "debug"
slack_client_id      = "1234567890.1234567891"
slack_team_id        = "T00000000"

# This environment reads BigQuery (prod.tfvars shows Snowflake); the app's service account runs the
# queries, so there is no key to store.
warehouse = "bigquery"
bigquery = {
  dataset          = "marketing_mmm"
  location         = "EU"
  max_bytes_billed = 1073741824
}
