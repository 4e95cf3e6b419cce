# Optional custom domain for the app (set custom_domain). Cloud Run domain mappings exist in a subset of
# regions, europe-west1 among them; add the DNS records shown in the mapping's status (docs/deploy.md).

resource "google_cloud_run_domain_mapping" "app" {
  count    = var.custom_domain == "" ? 0 : 1
  name     = var.custom_domain
  location = var.region

  metadata {
    namespace = var.project_id
  }

  spec {
    route_name = google_cloud_run_v2_service.app.name
  }
}
