# The hyperparameter list handed to robyn_inputs(), built from the spec as the native engine builds its
# search space (engine/search/search-space.ts; method notes §4.1):
#
# - names `<media>_<alphas|gammas|thetas>` (geometric) or `<media>_<alphas|gammas|scales|shapes>`
#   (Weibull) for every medium: the paid media variables (exposure when given, else spend) and the
#   organic variables; plus `train_size` with time-series validation and, when the spec gives it, `lambda`;
# - a [lo, hi] pair is searched, a single number (or lo == hi) is fixed;
# - a medium's missing entry comes from the preset (presets.R);
# - `train_size`: the spec's value or [0.5, 0.8] with time-series validation; without it nothing is passed
#   (Robyn then fits on all rows, and warns when a train_size is given anyway);
# - `lambda`, one meaning per form as in the native engine (core/run-spec.ts): a [lo, hi] pair is Robyn's
#   share of its data-derived lambda range; a single number is the absolute ridge penalty (`lambda_absolute`
#   is TRUE), which robyn-engine.R hands to Robyn as dt_hyper_fixed (every value fixed) or converts to
#   Robyn's share with Robyn's own lambda range (a search); absent, Robyn searches the share in [0, 1];
# - with add_penalty_factor, `<column>_penalty` entries (in [0, 1]) pass through to Robyn, which searches
#   the columns not given over [0, 1]; such a spec is never all fixed (its columns are known to Robyn only).
# Names are checked against the media and values against Robyn's hard limits before Robyn sees them.

HYPERPARAMETER_LIMITS <- list(
  thetas = list(lo = 0, hi = 1, lo_open = FALSE, hi_open = TRUE),
  alphas = list(lo = 0, hi = 10, lo_open = TRUE, hi_open = TRUE),
  gammas = list(lo = 0, hi = 1, lo_open = TRUE, hi_open = FALSE),
  shapes = list(lo = 0, hi = 20, lo_open = FALSE, hi_open = TRUE),
  scales = list(lo = 0, hi = 1, lo_open = FALSE, hi_open = FALSE),
  train_size = list(lo = 0.1, hi = 1, lo_open = TRUE, hi_open = FALSE),
  lambda = list(lo = 0, hi = 1, lo_open = FALSE, hi_open = FALSE),
  lambda_absolute = list(lo = 0, hi = Inf, lo_open = FALSE, hi_open = TRUE),
  penalty = list(lo = 0, hi = 1, lo_open = FALSE, hi_open = FALSE)
)

media_suffixes <- function(adstock) {
  if (adstock == "geometric") c("alphas", "gammas", "thetas") else c("alphas", "gammas", "scales", "shapes")
}

# Robyn's all_media: paid media variables, then organic variables.
model_media <- function(spec) {
  c(paid_media_vars_of(spec), spec$organic_vars)
}

media_hyperparameter_names <- function(adstock, media) {
  sort_names(as.vector(outer(media, media_suffixes(adstock), paste, sep = "_")))
}

kind_of <- function(name) {
  sub("^.*_", "", name)
}

check_limit <- function(name, kind, value) {
  limit <- HYPERPARAMETER_LIMITS[[kind]]
  below <- if (limit$lo_open) value <= limit$lo else value < limit$lo
  above <- if (limit$hi_open) value >= limit$hi else value > limit$hi
  if (below || above) {
    range <- paste0(
      if (limit$lo_open) "(" else "[", limit$lo, ", ", limit$hi, if (limit$hi_open) ")" else "]"
    )
    stop_input(
      paste0("hyperparameters.", name),
      sprintf("hyperparameters.%s is %s, outside the allowed range %s for %s.", name, format(value), range, kind)
    )
  }
}

# Returns list(values = named list for Robyn, names = every name in the native engine's output order:
# media sorted, train_size, lambda), searched = names of searched entries, all_fixed = TRUE when nothing
# is searched (Robyn then fits one model, with dt_hyper_fixed), lambda_absolute = TRUE when `lambda` is
# the absolute penalty (FALSE: a fixed `lambda` is a share, given as a pair with equal ends).
build_hyperparameters <- function(spec, interval) {
  media <- model_media(spec)
  given <- spec$hyperparameters
  media_names <- media_hyperparameter_names(spec$adstock, media)
  penalties <- if (isTRUE(spec$add_penalty_factor)) grep("_penalty$", names(given), value = TRUE) else character(0)
  unknown <- setdiff(names(given), c(media_names, "lambda", "train_size", penalties))
  if (length(unknown) > 0) {
    stop_input(paste0("hyperparameters.", unknown[[1]]), sprintf(
      "hyperparameters has entries that match no medium of this %s model: %s. Expected names like %s, ..., lambda and train_size.",
      spec$adstock, paste(unknown, collapse = ", "), paste(utils::head(media_names, 3), collapse = ", ")
    ))
  }
  values <- list()
  for (name in media_names) {
    kind <- kind_of(name)
    channel <- substr(name, 1, nchar(name) - nchar(kind) - 1)
    values[[name]] <- if (!is.null(given[[name]])) {
      given[[name]]
    } else {
      default_range(spec$hyperparameter_preset, channel, kind, spec$adstock, interval)
    }
  }
  if (isTRUE(spec$ts_validation)) {
    values[["train_size"]] <- if (!is.null(given$train_size)) given$train_size else DEFAULT_TRAIN_SIZE
  }
  lambda_absolute <- length(given$lambda) == 1
  if (!is.null(given$lambda)) values[["lambda"]] <- given$lambda
  for (name in penalties) values[[name]] <- given[[name]]

  for (name in names(values)) {
    value <- values[[name]]
    kind <- if (name == "lambda" && lambda_absolute) {
      "lambda_absolute"
    } else if (name %in% c("train_size", "lambda")) {
      name
    } else if (name %in% penalties) {
      "penalty"
    } else {
      kind_of(name)
    }
    if (length(value) == 2 && value[[2]] < value[[1]]) {
      stop_input(paste0("hyperparameters.", name), sprintf(
        "hyperparameters.%s is [%s, %s]: the lower end must not exceed the upper end.", name, value[[1]], value[[2]]
      ))
    }
    for (v in value) check_limit(name, kind, v)
    # Robyn treats a pair as a range to search; an empty range is a fixed value.
    if (length(value) == 2 && value[[1]] == value[[2]]) values[[name]] <- value[[1]]
  }
  searched <- names(values)[lengths(values) == 2]
  list(
    values = values,
    names = c(media_names, "train_size", "lambda"),
    media = media,
    searched = searched,
    all_fixed = length(searched) == 0 && !is.null(given$lambda) && !isTRUE(spec$add_penalty_factor),
    lambda_absolute = lambda_absolute
  )
}
