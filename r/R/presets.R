# Hyperparameter ranges that fill whatever the spec does not give: the same presets as the native engine
# (engine/search/default-ranges.ts; method notes §6.1), so that a spec means the same search on both
# engines.
#
# - robyn_recommended: theta by channel type for weekly data (TV [0.3, 0.8]; OOH, print, radio
#   [0.1, 0.4]; digital and others [0, 0.3]), alpha [0.5, 3], gamma [0.3, 1]; Weibull shapes
#   [0.0001, 2] (CDF) or [0.0001, 10] (PDF), scales [0, 0.1]. Daily data: theta^(1/7); monthly data:
#   theta^(30.4/7), the upper end capped at 0.99.
# - robyn_defaults: Robyn's set_default_hyppar(): theta [0, 0.8], alpha [0.5, 3], gamma [0.01, 1],
#   shapes [0, 10], scales [0, 0.1].

TV_PATTERN <- "(^|[^a-z])(tv|television|ctv|linear)([^a-z]|$)"
OFFLINE_PATTERN <- "(ooh|outdoor|print|radio|newspaper|magazine|billboard|dooh|podcast|audio)"

DEFAULT_TRAIN_SIZE <- c(0.5, 0.8)

recommended_thetas <- function(channel) {
  if (grepl(TV_PATTERN, channel, ignore.case = TRUE, perl = TRUE)) {
    return(c(0.3, 0.8))
  }
  if (grepl(OFFLINE_PATTERN, channel, ignore.case = TRUE, perl = TRUE)) {
    return(c(0.1, 0.4))
  }
  c(0, 0.3)
}

rescale_thetas <- function(range, interval) {
  power <- switch(interval,
    day = 1 / 7,
    month = 30.4 / 7,
    1
  )
  c(range[[1]]^power, min(range[[2]]^power, 0.99))
}

default_range <- function(preset, channel, kind, adstock, interval) {
  if (preset == "robyn_defaults") {
    return(switch(kind,
      thetas = c(0, 0.8),
      alphas = c(0.5, 3),
      gammas = c(0.01, 1),
      shapes = c(0, 10),
      scales = c(0, 0.1)
    ))
  }
  switch(kind,
    thetas = rescale_thetas(recommended_thetas(channel), interval),
    alphas = c(0.5, 3),
    gammas = c(0.3, 1),
    shapes = if (adstock == "weibull_pdf") c(0.0001, 10) else c(0.0001, 2),
    scales = c(0, 0.1)
  )
}
