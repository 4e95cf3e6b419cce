# The app as a Cloud Run service and the two trainers as Cloud Run Jobs.
#
# The service scales to zero (min instances 0) and has CPU always allocated (cpu_idle = false,
# instance-based billing): after Slack's 3-second acknowledgement the app keeps working outside any
# request (querying the warehouse, launching the job, editing the Slack message, the reconciler
# loop), which request-based billing would throttle to almost no CPU. An idle instance is still shut
# down after about 15 minutes without requests, so an idle app costs nothing.
#
# Trainer jobs run one task per run unless the app asks for more (task count is a per-execution
# override, as are MMM_RUN_ID and MMM_EVENTS_URL). The run's event token is not an override (anyone who
# may view the job's executions could read it): the app and the jobs read MMM_EVENT_KEY from Secret
# Manager and each derives the run's token from it. Retries are 0: a retried task
# would start its events again at seq 1, which the app ignores as duplicates, and would overwrite the
# first attempt's status; the app's reconciler marks a dead run failed and people launch it again.

locals {
  app_env = {
    MMM_BASE_URL              = local.base_url
    LOG_LEVEL                 = var.log_level
    MMM_DEMO_ON_START         = "false"
    ARTIFACTS                 = "gcs"
    GCS_BUCKET                = google_storage_bucket.runs.name
    RUN_STORE                 = "firestore"
    FIRESTORE_PROJECT_ID      = var.project_id
    FIRESTORE_DATABASE        = google_firestore_database.runs.name
    LAUNCHER                  = "cloud-run"
    GOOGLE_CLOUD_PROJECT      = var.project_id
    CLOUD_RUN_REGION          = var.region
    CLOUD_RUN_JOB_NATIVE      = local.job_native
    CLOUD_RUN_JOB_ROBYN       = local.job_robyn
    MAX_CONCURRENT_RUNS       = tostring(var.max_concurrent_runs)
    SLACK_CLIENT_ID           = var.slack_client_id
    SLACK_TEAM_ID             = var.slack_team_id
    SLACK_ALLOWED_CHANNELS    = join(",", var.slack_allowed_channels)
    SLACK_ALLOWED_USERGROUPS  = join(",", var.slack_allowed_usergroups)
    SCHEDULER                 = "cloud-scheduler"
    SCHEDULER_SERVICE_ACCOUNT = google_service_account.scheduler.email
    SCHEDULER_AUDIENCE        = local.schedules_tick_url
    GOOGLE_CLIENT_ID          = var.google_client_id
    ALLOWED_EMAIL_DOMAINS     = join(",", var.allowed_email_domains)
    GOOGLE_ADMIN_EMAILS       = join(",", var.google_admin_emails)
  }
  # Only the chosen warehouse's settings reach the container (var.warehouse picks one).
  warehouse_env = {
    snowflake = {
      WAREHOUSE                    = "snowflake"
      SNOWFLAKE_ACCOUNT            = var.snowflake.account
      SNOWFLAKE_USER               = var.snowflake.user
      SNOWFLAKE_ROLE               = var.snowflake.role
      SNOWFLAKE_WAREHOUSE          = var.snowflake.warehouse
      SNOWFLAKE_DATABASE           = var.snowflake.database
      SNOWFLAKE_SCHEMA             = var.snowflake.schema
      SNOWFLAKE_PRIVATE_KEY_SECRET = "${google_secret_manager_secret.app["snowflake_private_key"].id}/versions/latest"
    }
    # The app's service account authenticates as itself (no key): BIGQUERY_KEY_FILE stays unset.
    bigquery = {
      WAREHOUSE                 = "bigquery"
      BIGQUERY_PROJECT          = var.bigquery.project
      BIGQUERY_DATASET          = var.bigquery.dataset
      BIGQUERY_LOCATION         = var.bigquery.location
      BIGQUERY_MAX_BYTES_BILLED = tostring(var.bigquery.max_bytes_billed)
    }
  }
  # Cloud Run refuses to deploy with a secret that has no version: the API tokens are only read, and so
  # only need a value, when api_tokens_secret is true; the Google client secret when google_client_id is set.
  app_secret_env = merge(
    {
      SLACK_BOT_TOKEN      = google_secret_manager_secret.app["slack_bot_token"].secret_id
      SLACK_SIGNING_SECRET = google_secret_manager_secret.app["slack_signing_secret"].secret_id
      SLACK_CLIENT_SECRET  = google_secret_manager_secret.app["slack_client_secret"].secret_id
      MMM_SECRET           = google_secret_manager_secret.app["app_secret"].secret_id
      MMM_EVENT_KEY        = google_secret_manager_secret.app["trainer_event_key"].secret_id
    },
    var.api_tokens_secret ? {
      MMM_API_TOKENS = google_secret_manager_secret.app["api_tokens"].secret_id
    } : {},
    var.google_client_id != "" ? {
      GOOGLE_CLIENT_SECRET = google_secret_manager_secret.app["google_client_secret"].secret_id
    } : {},
  )
}

resource "google_cloud_run_v2_service" "app" {
  name                = local.service_name
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_ALL"
  deletion_protection = var.deletion_protection

  template {
    service_account                  = google_service_account.app.email
    timeout                          = "300s"
    max_instance_request_concurrency = var.app_concurrency

    scaling {
      min_instance_count = 0
      max_instance_count = var.app_max_instances
    }

    containers {
      image = var.app_image

      ports {
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = var.app_cpu
          memory = var.app_memory
        }
        cpu_idle          = false
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = {
          for name, value in merge(local.app_env, local.warehouse_env[var.warehouse]) : name => value if value != ""
        }
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = local.app_secret_env
        content {
          name = env.key
          value_source {
            secret_key_ref {
              secret  = env.value
              version = "latest"
            }
          }
        }
      }
    }
  }

  lifecycle {
    # The app refuses to start with a Google client and no domains: every Google account could sign in.
    precondition {
      condition     = var.google_client_id == "" || length(var.allowed_email_domains) > 0
      error_message = "google_client_id is set but allowed_email_domains is empty: list the e-mail domains whose accounts may sign in with Google."
    }
    precondition {
      condition     = var.warehouse != "snowflake" || (var.snowflake.account != "" && var.snowflake.user != "" && var.snowflake.warehouse != "")
      error_message = "warehouse is snowflake: set the snowflake block (account, user, role, warehouse, database, schema; see docs/deploy.md)."
    }
    precondition {
      condition     = var.warehouse != "bigquery" || var.bigquery.dataset != ""
      error_message = "warehouse is bigquery: set bigquery.dataset, the dataset the app reads (its service account gets roles/bigquery.dataViewer on it)."
    }
  }

  depends_on = [
    google_project_service.apis,
    google_secret_manager_secret_iam_member.app_reads_secrets,
  ]
}

resource "google_cloud_run_v2_job" "trainer_native" {
  name                = local.job_native
  location            = var.region
  deletion_protection = var.deletion_protection

  template {
    task_count  = 1
    parallelism = var.trainer_parallelism

    template {
      service_account = google_service_account.trainer.email
      timeout         = "${var.native_timeout_seconds}s"
      max_retries     = 0

      containers {
        image = var.trainer_native_image

        resources {
          limits = {
            cpu    = var.native_cpu
            memory = var.native_memory
          }
        }

        env {
          name  = "GCS_BUCKET"
          value = google_storage_bucket.runs.name
        }
        env {
          name  = "ARTIFACTS"
          value = "gcs"
        }
        env {
          name  = "TRAINER_WORKERS"
          value = var.native_cpu
        }
        env {
          name = "MMM_EVENT_KEY"
          value_source {
            secret_key_ref {
              secret  = google_secret_manager_secret.app["trainer_event_key"].secret_id
              version = "latest"
            }
          }
        }
      }
    }
  }

  depends_on = [
    google_project_service.apis,
    google_secret_manager_secret_iam_member.trainer_reads_event_key,
  ]
}

resource "google_cloud_run_v2_job" "trainer_robyn" {
  name                = local.job_robyn
  location            = var.region
  deletion_protection = var.deletion_protection

  template {
    task_count  = 1
    parallelism = var.trainer_parallelism

    template {
      service_account = google_service_account.trainer.email
      timeout         = "${var.robyn_timeout_seconds}s"
      max_retries     = 0

      containers {
        image = var.trainer_robyn_image

        resources {
          limits = {
            cpu    = var.robyn_cpu
            memory = var.robyn_memory
          }
        }

        env {
          name  = "GCS_BUCKET"
          value = google_storage_bucket.runs.name
        }
        # Robyn gets exactly the job's vCPUs; cores are never auto-detected (see r/R/environment.R).
        env {
          name  = "MMM_CORES"
          value = var.robyn_cpu
        }
        env {
          name = "MMM_EVENT_KEY"
          value_source {
            secret_key_ref {
              secret  = google_secret_manager_secret.app["trainer_event_key"].secret_id
              version = "latest"
            }
          }
        }
      }
    }
  }

  depends_on = [
    google_project_service.apis,
    google_secret_manager_secret_iam_member.trainer_reads_event_key,
  ]
}
