# Every input of the deployment. dev.tfvars and prod.tfvars set them per environment.

variable "project_id" {
  type        = string
  description = "Google Cloud project that holds everything."
}

variable "region" {
  type        = string
  description = "Region of Cloud Run, Artifact Registry and the bucket, e.g. europe-west1."
  default     = "europe-west1"
}

variable "environment" {
  type        = string
  description = "Environment name used in resource names: dev or prod."

  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be dev or prod."
  }
}

variable "name_prefix" {
  type        = string
  description = "Prefix of every resource name (names become <prefix>-<environment>-…)."
  default     = "mmm"
}

variable "app_image" {
  type        = string
  description = "Image of the app (docker/app.Dockerfile), pinned by digest: <region>-docker.pkg.dev/<project>/<repository>/mmm-app@sha256:…"
}

variable "trainer_native_image" {
  type        = string
  description = "Image of the native trainer (docker/trainer-native.Dockerfile), pinned by digest."
}

variable "trainer_robyn_image" {
  type        = string
  description = "Image of the Robyn trainer (docker/trainer-robyn.Dockerfile), pinned by digest."
}

variable "bucket_name" {
  type        = string
  description = "Globally unique name of the bucket that holds runs/<runId>/… (spec, snapshot, status, outputs)."
}

variable "bucket_location" {
  type        = string
  description = "Location of the bucket: the region (cheapest next to Cloud Run) or a multi-region such as EU."
  default     = "europe-west1"
}

variable "run_retention_days" {
  type        = number
  description = "Runs older than this many days are deleted from the bucket (their records stay in Firestore); 0 keeps them forever."
  default     = 0

  validation {
    condition     = var.run_retention_days >= 0
    error_message = "run_retention_days must be 0 (keep) or a positive number of days."
  }
}

variable "firestore_database" {
  type        = string
  description = "Firestore database of the run store; \"(default)\" or a named database."
  default     = "(default)"
}

variable "firestore_location" {
  type        = string
  description = "Firestore location, e.g. eur3 (multi-region) or europe-west1."
  default     = "eur3"
}

variable "app_cpu" {
  type        = string
  description = "vCPUs of the app's instances."
  default     = "1"
}

variable "app_memory" {
  type        = string
  description = "Memory of the app's instances."
  default     = "1Gi"
}

variable "app_max_instances" {
  type        = number
  description = "Upper bound of app instances (the minimum is 0: the service scales to zero)."
  default     = 3
}

variable "app_concurrency" {
  type        = number
  description = "Requests one app instance serves at once."
  default     = 40
}

variable "native_cpu" {
  type        = string
  description = "vCPUs of a native trainer task (also its worker threads)."
  default     = "2"
}

variable "native_memory" {
  type        = string
  description = "Memory of a native trainer task."
  default     = "2Gi"
}

variable "robyn_cpu" {
  type        = string
  description = "vCPUs of a Robyn trainer task; Robyn gets exactly this many cores (MMM_CORES)."
  default     = "8"
}

variable "robyn_memory" {
  type        = string
  description = "Memory of a Robyn trainer task (Robyn's outputs and one-pagers are memory-hungry)."
  default     = "16Gi"
}

variable "native_timeout_seconds" {
  type        = number
  description = "Task timeout of the native trainer."
  default     = 3600
}

variable "robyn_timeout_seconds" {
  type        = number
  description = "Task timeout of the Robyn trainer (10000 x 5 takes 1.5–2 h on 8 vCPU)."
  default     = 21600
}

variable "trainer_parallelism" {
  type        = number
  description = "Tasks of one execution that run at once (sharded runs); 0 lets Cloud Run decide."
  default     = 5
}

variable "max_concurrent_runs" {
  type        = number
  description = "Runs the app lets train at the same time (MAX_CONCURRENT_RUNS)."
  default     = 2
}

variable "warehouse" {
  type        = string
  description = "Where runs read their data (WAREHOUSE): snowflake or bigquery; set the block of the same name below."
  default     = "snowflake"

  validation {
    condition     = contains(["snowflake", "bigquery"], var.warehouse)
    error_message = "warehouse must be snowflake or bigquery."
  }
}

variable "snowflake" {
  type = object({
    account   = optional(string, "")
    user      = optional(string, "")
    role      = optional(string, "")
    warehouse = optional(string, "")
    database  = optional(string, "")
    schema    = optional(string, "")
  })
  description = "Snowflake connection when warehouse = snowflake (key-pair user and least-privilege role, see docs/deploy.md); the private key is the secret snowflake-private-key."
  default     = {}
}

variable "bigquery" {
  type = object({
    # Where query jobs run and are billed, and the project of table names (default: project_id).
    project = optional(string, "")
    # The dataset the app lists and reads (its service account gets roles/bigquery.dataViewer on it).
    dataset = optional(string, "")
    # Where jobs run, e.g. EU or europe-west1 (default: BigQuery's choice from the dataset).
    location = optional(string, "")
    # Queries whose dry run estimates more bytes scanned are refused (BIGQUERY_MAX_BYTES_BILLED).
    max_bytes_billed = optional(number, 1073741824)
  })
  description = "BigQuery when warehouse = bigquery: the app's own service account runs the queries (roles/bigquery.jobUser on the project, roles/bigquery.dataViewer on the dataset; see docs/deploy.md)."
  default     = {}
}

# Sign in with Slack is required on Cloud Run: without it the viewer and the API would trust nobody (the
# app refuses to listen beyond loopback without sign-in), and every "Open in viewer" link would fail.
variable "slack_client_id" {
  type        = string
  description = "Client ID of the Slack app (Basic Information → App Credentials), for Sign in with Slack on the viewer. Required."

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+$", var.slack_client_id))
    error_message = "slack_client_id must be the Slack app's Client ID (digits.digits, from Basic Information → App Credentials): the viewer on Cloud Run needs Sign in with Slack."
  }
}

variable "slack_team_id" {
  type        = string
  description = "Slack workspace (team) ID whose members may sign in to the viewer (T…). Required."

  validation {
    condition     = can(regex("^T[A-Z0-9]+$", var.slack_team_id))
    error_message = "slack_team_id must be the workspace ID (T…, in the workspace's URL or About this workspace)."
  }
}

# Sign in with Google beside Slack (optional), for colleagues without Slack: Google Workspace accounts of
# the allowed e-mail domains only. Its client secret goes to the secret <prefix>-google-client-secret.
variable "google_client_id" {
  type        = string
  description = "OAuth client ID (type Web application, redirect URI <app_url>/auth/google/callback) for Sign in with Google on the viewer; empty: Slack sign-in only."
  default     = ""

  validation {
    condition     = var.google_client_id == "" || can(regex("^[0-9]+-[a-z0-9]+\\.apps\\.googleusercontent\\.com$", var.google_client_id))
    error_message = "google_client_id must be an OAuth client ID (digits-letters.apps.googleusercontent.com, from APIs & Services → Credentials), or empty."
  }
}

variable "allowed_email_domains" {
  type        = list(string)
  description = "E-mail domains (example.com) whose Google Workspace accounts may sign in with Google; required with google_client_id."
  default     = []

  validation {
    condition     = alltrue([for d in var.allowed_email_domains : can(regex("^[a-z0-9.-]+\\.[a-z]{2,}$", d))])
    error_message = "allowed_email_domains are lower-case domain names such as example.com (no @)."
  }
}

variable "google_admin_emails" {
  type        = list(string)
  description = "E-mail addresses of people signing in with Google who may issue API tokens (admins)."
  default     = []
}

variable "slack_allowed_channels" {
  type        = list(string)
  description = "Slack channel IDs where /mmm may be used; empty allows every channel the app is in."
  default     = []
}

variable "slack_allowed_usergroups" {
  type        = list(string)
  description = "Slack user group IDs (S…) or handles whose members may use /mmm and sign in to the viewer; empty allows the whole workspace."
  default     = []
}

variable "api_tokens_secret" {
  type        = bool
  description = "Set MMM_API_TOKENS (bearer tokens of the REST API, comma-separated) from the secret <prefix>-api-tokens, which then needs a version before apply; false leaves only the tokens admins issue on /admin/tokens."
  default     = true
}

variable "log_level" {
  type        = string
  description = "Log level of the app (fatal, error, warn, info, debug, trace)."
  default     = "info"
}

variable "custom_domain" {
  type        = string
  description = "Optional domain (e.g. mmm.example.com) mapped to the app; empty uses the run.app URL."
  default     = ""
}

variable "deletion_protection" {
  type        = bool
  description = "Protects the service, the jobs and the Firestore database from terraform destroy."
  default     = true
}

variable "schedules_tick_cron" {
  type        = string
  description = "How often Cloud Scheduler ticks the scheduled refreshes (cron, UTC); a slot runs at the first tick after it."
  default     = "*/5 * * * *"
}
