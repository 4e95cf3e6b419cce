# The run store (runs, events, best-model picks, saved mappings, idempotency keys) in Firestore
# native mode. A project's "(default)" database may exist already: import it with
#   terraform import -var-file=<env>.tfvars google_firestore_database.runs "projects/<project>/databases/(default)"

resource "google_firestore_database" "runs" {
  project                 = var.project_id
  name                    = var.firestore_database
  location_id             = var.firestore_location
  type                    = "FIRESTORE_NATIVE"
  delete_protection_state = var.deletion_protection ? "DELETE_PROTECTION_ENABLED" : "DELETE_PROTECTION_DISABLED"
  deletion_policy         = var.deletion_protection ? "ABANDON" : "DELETE"

  depends_on = [google_project_service.apis]
}
