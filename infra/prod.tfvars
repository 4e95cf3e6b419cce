# Production environment. Image digests come from `docker push`; set the Slack values from the app's
# Basic Information page.
project_id               = "my-mmm-prod"
region                   = "europe-west1"
environment              = "prod"
app_image                = "europe-west1-docker.pkg.dev/my-mmm-prod/mmm-prod/mmm-app@sha256:0000000000000000000000000000000000000000000000000000000000000000"
trainer_native_image     = "europe-west1-docker.pkg.dev/my-mmm-prod/mmm-prod/mmm-trainer-native@sha256:0000000000000000000000000000000000000000000000000000000000000000"
trainer_robyn_image      = "europe-west1-docker.pkg.dev/my-mmm-prod/mmm-prod/mmm-trainer-robyn@sha256:0000000000000000000000000000000000000000000000000000000000000000"
bucket_name              = "my-mmm-prod-runs"
bucket_location          = "europe-west1"
run_retention_days       = 0
firestore_location       = "eur3"
app_max_instances        = 3
robyn_cpu                = "8"
robyn_memory             = "32Gi"
max_concurrent_runs      = 3
trainer_parallelism      = 5
deletion_protection      = true
slack_client_id          = "1234567890.1234567890"
slack_team_id            = "T00000000"
slack_allowed_channels   = []
slack_allowed_usergroups = []
custom_domain            = ""

# Sign in with Google beside Slack (optional): an OAuth client ID and the domains allowed to sign in.
google_client_id      = ""
allowed_email_domains = []
google_admin_emails   = []

# This environment reads Snowflake (dev.tfvars shows BigQuery).
warehouse = "snowflake"
snowflake = {
  account   = "myorg-myaccount"
  user      = "MMM_TRAINER"
  role      = "MMM_TRAINER_READER"
  warehouse = "MMM_XS"
  database  = "MARKETING"
  schema    = "MMM"
}
