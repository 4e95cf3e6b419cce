# Scheduled refreshes (/mmm schedule) on Google Cloud: Cloud Scheduler calls the app's
# POST /internal/schedules/tick every few minutes; the app claims each due slot in Firestore, so a slot
# runs once however often it is called, and a missed call is caught up by the next one.
#
# The call carries a Google-signed OIDC ID token of a dedicated service account, for the tick URL as
# audience; the app checks the signature, issuer, audience, expiry and that account's email
# (SCHEDULER_SERVICE_ACCOUNT), and refuses any other caller. The account is an identity only: it is
# granted no role (the app service accepts unauthenticated requests, as Slack's must, and checks the
# token itself). Cloud Scheduler's own service agent mints the token; whoever applies Terraform needs
# iam.serviceAccounts.actAs on the account to create the job.

resource "google_service_account" "scheduler" {
  account_id   = "${local.prefix}-scheduler"
  display_name = "MMM Trainer schedule ticks (${var.environment})"
}

resource "google_cloud_scheduler_job" "schedules_tick" {
  name        = "${local.prefix}-schedules-tick"
  description = "Runs the due scheduled refreshes of the MMM Trainer app."
  region      = var.region
  schedule    = var.schedules_tick_cron
  time_zone   = "Etc/UTC"
  # A tick that failed is not retried: the next one runs the due slots.
  attempt_deadline = "120s"

  http_target {
    uri         = local.schedules_tick_url
    http_method = "POST"

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = local.schedules_tick_url
    }
  }

  depends_on = [google_project_service.apis]
}
