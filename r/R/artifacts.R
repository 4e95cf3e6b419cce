# Where the run's files live: a local folder (MMM_ARTIFACTS_DIR; the tests and the child-process
# launcher) or the Cloud Storage bucket (GCS_BUCKET). Keys are the app's artifact keys
# (`runs/<runId>/spec.json`, `runs/<runId>/output/model_summary.json`); the local folder holds each key
# as a file under its root, written through a temporary file and a rename as the app's local store
# (core/artifacts/local/local-folder.ts) does, so a reader never sees half a file.

CONTENT_TYPES <- c(
  json = "application/json", csv = "text/csv; charset=utf-8", txt = "text/plain; charset=utf-8",
  log = "text/plain; charset=utf-8", png = "image/png", svg = "image/svg+xml", pdf = "application/pdf",
  rds = "application/octet-stream"
)

content_type_of <- function(key) {
  extension <- tolower(tools::file_ext(key))
  if (extension %in% names(CONTENT_TYPES)) CONTENT_TYPES[[extension]] else "application/octet-stream"
}

local_artifact_store <- function(root) {
  path_of <- function(key) file.path(root, key)
  list(
    kind = "local",
    download = function(key, path) {
      source <- path_of(key)
      if (!file.exists(source)) stop(sprintf("Artifact %s does not exist in %s.", key, root))
      if (!file.copy(source, path, overwrite = TRUE)) stop(sprintf("Cannot copy artifact %s.", key))
      invisible(path)
    },
    upload = function(path, key) {
      target <- path_of(key)
      dir.create(dirname(target), recursive = TRUE, showWarnings = FALSE)
      # tempfile() names do not touch R's random number stream (Robyn's seeds stay as given).
      temp <- file.path(dirname(target), sprintf(".%s.%s.tmp", basename(target), basename(tempfile(""))))
      if (!file.copy(path, temp, overwrite = TRUE)) stop(sprintf("Cannot write artifact %s.", key))
      if (!file.rename(temp, target)) {
        unlink(temp)
        stop(sprintf("Cannot write artifact %s.", key))
      }
      invisible(key)
    }
  )
}

gcs_artifact_store <- function(client) {
  list(
    kind = "gcs",
    download = function(key, path) client$download(key, path),
    upload = function(path, key) client$upload(path, key, content_type_of(key))
  )
}

# The store named by the environment: MMM_ARTIFACTS_DIR wins over GCS_BUCKET.
artifact_store_from_env <- function(env) {
  if (nzchar(env$artifacts_dir)) {
    return(local_artifact_store(env$artifacts_dir))
  }
  if (nzchar(env$bucket)) {
    endpoint <- if (nzchar(env$gcs_endpoint)) env$gcs_endpoint else "https://storage.googleapis.com"
    metadata_host <- if (nzchar(env$metadata_host)) env$metadata_host else "metadata.google.internal"
    return(gcs_artifact_store(gcs_client(env$bucket, endpoint, metadata_token_source(metadata_host))))
  }
  stop("Set MMM_ARTIFACTS_DIR (a local folder) or GCS_BUCKET (the run's bucket): the trainer has nowhere to read the run from.")
}
