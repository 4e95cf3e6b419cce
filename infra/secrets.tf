# Secret Manager holds the credentials; Terraform creates the secrets but never their values, so no
# secret reaches the Terraform state. Add each value once (docs/deploy.md, "Secrets"):
#   printf '%s' "$VALUE" | gcloud secrets versions add <secret> --data-file=-
# snowflake-private-key is read only with warehouse = "snowflake" and needs no version otherwise.

locals {
  secrets = {
    slack_bot_token       = "${local.prefix}-slack-bot-token"
    slack_signing_secret  = "${local.prefix}-slack-signing-secret"
    slack_client_secret   = "${local.prefix}-slack-client-secret"
    app_secret            = "${local.prefix}-app-secret"
    snowflake_private_key = "${local.prefix}-snowflake-private-key"
    api_tokens            = "${local.prefix}-api-tokens"
    # GOOGLE_CLIENT_SECRET, read only when google_client_id is set (then it needs a version before apply).
    google_client_secret = "${local.prefix}-google-client-secret"
    # MMM_EVENT_KEY: the app and both trainer jobs derive each run's event token from it, so no token
    # travels in an execution's overrides (readable by anyone who may view the job's executions).
    trainer_event_key = "${local.prefix}-trainer-event-key"
  }
}

resource "google_secret_manager_secret" "app" {
  for_each  = local.secrets
  secret_id = each.value

  replication {
    auto {}
  }

  labels = {
    app         = var.name_prefix
    environment = var.environment
  }

  depends_on = [google_project_service.apis]
}
