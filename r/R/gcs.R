# Google Cloud Storage through its JSON API with httr, authenticated with the instance metadata server's
# access token (the Cloud Run job's service account), so the image needs no Google client package.
# GCS_API_ENDPOINT and GCE_METADATA_HOST point both at fakes in tests, as for the app's clients.
# Requests are retried three times on 429, 5xx and network errors.

metadata_token_source <- function(metadata_host = "metadata.google.internal", http_get = httr::GET) {
  token <- NULL
  expires_at <- 0
  function() {
    if (!is.null(token) && as.numeric(Sys.time()) < expires_at - 60) {
      return(token)
    }
    url <- sprintf("http://%s/computeMetadata/v1/instance/service-accounts/default/token", metadata_host)
    response <- http_get(url, httr::add_headers("Metadata-Flavor" = "Google"), httr::timeout(10))
    if (httr::status_code(response) != 200) {
      stop(sprintf("The metadata server gave no access token (HTTP %s).", httr::status_code(response)))
    }
    content <- parse_json(httr::content(response, as = "text", encoding = "UTF-8"))
    token <<- content$access_token
    expires_at <<- as.numeric(Sys.time()) + as.numeric(content$expires_in)
    token
  }
}

# Object names are path-encoded in the JSON API's URLs ("runs/x/spec.json" → "runs%2Fx%2Fspec.json").
encode_object_name <- function(name) {
  utils::URLencode(name, reserved = TRUE)
}

gcs_with_retries <- function(request, what, attempts = 3L, sleep = Sys.sleep) {
  for (attempt in seq_len(attempts)) {
    response <- tryCatch(request(), error = function(e) e)
    if (!inherits(response, "error")) {
      status <- httr::status_code(response)
      if (status < 300) {
        return(response)
      }
      if (status != 429 && status < 500) {
        stop(sprintf("Cloud Storage refused to %s (HTTP %s): %s", what, status,
          substr(httr::content(response, as = "text", encoding = "UTF-8"), 1, 300)))
      }
    }
    if (attempt < attempts) sleep(2^attempt)
  }
  detail <- if (inherits(response, "error")) conditionMessage(response) else paste("HTTP", httr::status_code(response))
  stop(sprintf("Cloud Storage did not answer a request to %s (%s).", what, detail))
}

# `get` and `post` are httr's (tests pass fakes that record the requests).
gcs_client <- function(bucket, endpoint = "https://storage.googleapis.com", token = metadata_token_source(),
                       sleep = Sys.sleep, get = httr::GET, post = httr::POST) {
  endpoint <- sub("/+$", "", endpoint)
  auth <- function() httr::add_headers(Authorization = paste("Bearer", token()))
  list(
    download = function(name, path) {
      url <- sprintf("%s/storage/v1/b/%s/o/%s?alt=media", endpoint, bucket, encode_object_name(name))
      gcs_with_retries(function() {
        get(url, auth(), httr::write_disk(path, overwrite = TRUE), httr::timeout(300))
      }, paste("read", name), sleep = sleep)
      invisible(path)
    },
    upload = function(path, name, content_type) {
      url <- sprintf(
        "%s/upload/storage/v1/b/%s/o?uploadType=media&name=%s", endpoint, bucket, encode_object_name(name)
      )
      gcs_with_retries(function() {
        post(url, auth(), body = httr::upload_file(path, type = content_type), httr::timeout(300))
      }, paste("write", name), sleep = sleep)
      invisible(name)
    }
  )
}
