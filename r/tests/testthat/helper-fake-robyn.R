# Objects shaped like Robyn 3.12's InputCollect, OutputModels and OutputCollect (robyn-result.R lists the
# fields read), with made-up numbers, and a fake engine that returns them: the trainer is tested end to
# end without Robyn. Some columns the native files have are left out on purpose (iterations,
# error_score, intercept_dropped, inflexion/inflation of organic media, cluster, top_sol, boot_*) to
# exercise the computed and NA columns.

fake_robyn_objects <- function(spec, hyperparameters, n_models = 12L, n_pareto = 8L, periods = 6L) {
  media <- hyperparameters$media
  paid <- paid_media_vars_of(spec)
  regressors <- default_regressors(spec)
  ids <- sprintf("1_%d_1", seq_len(n_models))
  value_of <- function(name, i) {
    v <- hyperparameters$values[[name]]
    if (is.null(v)) v <- 1 # train_size without time-series validation
    if (length(v) == 2) v[[1]] + (v[[2]] - v[[1]]) * i / (n_models + 1) else v
  }
  hyp <- data.frame(solID = ids, trial = 1L, iterNG = seq_len(n_models), iterPar = 1L, stringsAsFactors = FALSE)
  for (name in setdiff(hyperparameters$names, "lambda")) hyp[[name]] <- vapply(seq_len(n_models), function(i) value_of(name, i), numeric(1))
  hyp$lambda <- 1000 * seq_len(n_models)
  hyp$lambda_hp <- seq_len(n_models) / (n_models + 1)
  hyp$lambda_max <- 5e4
  hyp$lambda_min_ratio <- 1e-4
  for (m in paid) {
    hyp[[paste0(m, "_inflexion")]] <- 100 * seq_len(n_models)
    hyp[[paste0(m, "_inflation")]] <- 1.5
  }
  hyp$rsq_train <- 0.8
  hyp$rsq_val <- NA_real_
  hyp$rsq_test <- NA_real_
  hyp$nrmse_train <- 0.1 + seq_len(n_models) / 100
  hyp$nrmse_val <- NA_real_
  hyp$nrmse_test <- NA_real_
  hyp$nrmse <- hyp$nrmse_train
  hyp$decomp.rssd <- rev(0.2 + seq_len(n_models) / 50)
  hyp$mape <- 0
  hyp$pos <- TRUE
  hyp$Elapsed <- 0.1
  hyp$coef0 <- FALSE
  hyp$mape.qt10 <- TRUE
  hyp$robynPareto <- c(rep(1L, n_pareto / 2), rep(2L, n_pareto / 2), rep(NA_integer_, n_models - n_pareto))

  agg <- do.call(rbind, lapply(seq_len(n_models), function(i) {
    rn <- c("(Intercept)", regressors)
    is_paid <- rn %in% paid
    data.frame(
      rn = rn, coef = c(if (i == 2) 0 else 1000, rep(0.5, length(regressors))),
      xDecompAgg = 10, xDecompPerc = 1 / length(rn), xDecompMeanNon0 = 2, xDecompMeanNon0Perc = 0.1,
      xDecompAggRF = 10, xDecompPercRF = 0.1, xDecompMeanNon0RF = 2, xDecompMeanNon0PercRF = 0.1, pos = TRUE,
      spend_share = ifelse(is_paid, 0.2, NA), spend_share_refresh = ifelse(is_paid, 0.2, NA),
      mean_spend = ifelse(is_paid, 50, NA), total_spend = ifelse(is_paid, 500, NA),
      mean_exposure = ifelse(rn %in% media, 60, NA), mean_exposure_refresh = ifelse(rn %in% media, 60, NA),
      effect_share = ifelse(is_paid, 0.25, NA), effect_share_refresh = ifelse(is_paid, 0.25, NA),
      train_size = 1, rsq_train = 0.8, rsq_val = NA_real_, rsq_test = NA_real_, nrmse_train = hyp$nrmse_train[[i]],
      nrmse_val = NA_real_, nrmse_test = NA_real_, nrmse = hyp$nrmse[[i]], decomp.rssd = hyp$decomp.rssd[[i]], mape = 0,
      lambda = hyp$lambda[[i]], lambda_hp = hyp$lambda_hp[[i]], lambda_max = 5e4, lambda_min_ratio = 1e-4,
      solID = ids[[i]], trial = 1L, iterNG = i, iterPar = 1L, robynPareto = hyp$robynPareto[[i]],
      mean_response = ifelse(rn %in% media, 30, NA), mean_spend_adstocked = ifelse(rn %in% media, 55, NA),
      mean_carryover = ifelse(rn %in% media, 5, NA), roi_mean = ifelse(is_paid, 0.6, NA),
      roi_total = ifelse(is_paid, i / 10 + seq_along(rn) / 100, NA), cpa_mean = ifelse(is_paid, 1.6, NA),
      cpa_total = ifelse(is_paid, 10 / i, NA), carryover_pct = ifelse(rn %in% media, 0.3, NA),
      check.names = FALSE, stringsAsFactors = FALSE
    )
  }))
  pareto_ids <- ids[seq_len(n_pareto)]
  cluster_of <- rep_len(1:3, n_pareto)
  clusters_data <- data.frame(
    solID = pareto_ids, cluster = factor(cluster_of), top_sol = !duplicated(cluster_of),
    nrmse = hyp$nrmse[seq_len(n_pareto)], decomp.rssd = hyp$decomp.rssd[seq_len(n_pareto)], mape = 0,
    stringsAsFactors = FALSE
  )
  ci <- do.call(rbind, lapply(1:3, function(k) {
    data.frame(cluster = k, rn = paid, n = 3L, boot_mean = k + seq_along(paid), boot_se = 0.1,
      ci_low = k, ci_up = k + 2, stringsAsFactors = FALSE)
  }))
  dates <- as.Date("2016-01-04") + 7 * (seq_len(periods) - 1)
  media_vec <- do.call(rbind, lapply(pareto_ids, function(id) {
    do.call(rbind, lapply(c("rawMedia", "adstockedMedia", "decompMedia"), function(type) {
      block <- data.frame(ds = dates, stringsAsFactors = FALSE)
      for (m in media) block[[m]] <- seq_len(periods) * 10
      block$type <- type
      block$solID <- id
      block
    }))
  }))
  decomp_vec <- do.call(rbind, lapply(pareto_ids, function(id) {
    block <- data.frame(ds = dates, dep_var = 100 + seq_len(periods))
    for (r in regressors) block[[r]] <- 1
    block$intercept <- 50
    block$depVarHat <- 99 + seq_len(periods)
    block$solID <- id
    block
  }))
  pareto_hyp <- hyp[seq_len(n_pareto), ]
  pareto_agg <- agg[agg$solID %in% pareto_ids, ]
  list(
    input_collect = list(
      all_media = media, paid_media_selected = paid, all_ind_vars = regressors, intervalType = "week",
      window_start = as.Date("2016-01-04"), window_end = as.Date("2018-12-31"), rollingWindowLength = 157L,
      totalObservations = 208L
    ),
    output_models = list(convergence = list(conv_msg = c(
      "NRMSE converged: sd@qt.20 0.01 <= 0.022 & |med@qt.20| 0.048 <= 0.12",
      "DECOMP.RSSD NOT converged: sd@qt.20 0.039 > 0.031 & |med@qt.20| 0.6 > 0.54"
    ))),
    output_collect = list(
      resultHypParam = pareto_hyp, xDecompAgg = pareto_agg, mediaVecCollect = media_vec,
      xDecompVecCollect = decomp_vec, allPareto = list(resultHypParam = hyp, xDecompAgg = agg),
      clusters = list(
        data = clusters_data, df_cluster_ci = ci, n_clusters = 3L,
        wss = list(data = data.frame(n = 1:4, wss = c(10, 6, 4, 3.5)))
      ),
      pareto_fronts = 2L
    )
  )
}

fake_optim_out <- function(spec) {
  paid <- paid_media_vars_of(spec)
  used <- paid[-length(paid)]
  out <- data.frame(channels = used, stringsAsFactors = FALSE)
  for (column in ALLOCATOR_ROW_COLUMNS[-1]) out[[column]] <- seq_along(used) + 0.5
  out$periods <- "52 weeks"
  out$total_budget_unit <- 1000
  out$initSpendUnitTotal <- 900
  out$initResponseUnitTotal <- 1200
  out$optmSpendUnitTotal <- 900
  out$optmResponseUnitTotal <- 1300
  out$optmResponseUnitTotalLift <- 1300 / 1200 - 1
  out$date_min <- as.Date("2018-01-01")
  out$date_max <- as.Date("2018-12-24")
  out$solID <- "ignored"
  out
}

# A fake engine: `fail` (a condition or a function of the context) is signalled instead of training;
# `adjust` changes Robyn's objects (a list of input_collect, output_models, output_collect) first;
# `optimiser` is the nlsMod its allocator returns (nloptr's status and message).
fake_engine <- function(fail = NULL, allocation_error = NULL, adjust = identity,
                        optimiser = list(status = 4L, message = "NLOPT_XTOL_REACHED: Optimization stopped because xtol_rel or xtol_abs was reached.")) {
  function(spec, prepared, hyperparameters, context) {
    if (is.function(fail)) fail(context)
    if (!is.null(fail)) stop(fail)
    context$log$line("fake robyn: training")
    context$progress("searching", 0L, spec$iterations * spec$trials, NULL)
    context$warnings$add("fake warning from Robyn")
    objects <- adjust(fake_robyn_objects(spec, hyperparameters))
    plot_folder <- file.path(context$work_dir, "robyn", "Robyn_202611260430_init")
    dir.create(plot_folder, recursive = TRUE)
    writeBin(as.raw(c(0x89, 0x50, 0x4e, 0x47)), file.path(plot_folder, "1_1_1.png"))
    writeBin(as.raw(c(0x89, 0x50, 0x4e, 0x47)), file.path(plot_folder, "pareto_front.png"))
    writeLines("solID", file.path(plot_folder, "pareto_hyperparameters.csv"))
    c(objects, list(
      version = "Robyn 3.12.1 (fake)",
      plot_folder = file.path(context$work_dir, "robyn"),
      timings = list(prepare = 1, search = 2, pareto = 3),
      allocate = function(select_model) {
        if (!is.null(allocation_error)) stop(allocation_error)
        writeBin(as.raw(c(0x89, 0x50, 0x4e, 0x47)), file.path(plot_folder, paste0(select_model, "_reallocated.png")))
        list(dt_optimOut = fake_optim_out(spec), nlsMod = optimiser)
      }
    ))
  }
}

# A fake of Robyn 3.12.1's robyn_refresh() for `spec`: the same arguments (and defaults), the checks it
# makes before searching (a readable parent JSON; steps shorter than the window; enough new data), and
# the same returned object: the chain list(listInit, listRefresh1 = list(InputCollect, OutputCollect,
# ReportCollect), refresh = list(selectIDs, refresh_steps, ...)), names sorted, class robyn_refresh. The
# winner (OutputCollect$selectID) is the Pareto model with the lowest DECOMP.RSSD, as Robyn picks it, and
# RobynModel-<winner>.json is exported into a Robyn_<time>_rf1 folder under plot_folder. `calls` records
# each call's arguments.
fake_robyn_refresh <- function(spec, hyperparameters) {
  calls <- list()
  refresh <- function(json_file = NULL,
                      robyn_object = NULL,
                      dt_input = NULL,
                      dt_holidays = NULL,
                      refresh_steps = 4,
                      refresh_mode = "manual",
                      refresh_iters = 1000,
                      refresh_trials = 3,
                      bounds_freedom = NULL,
                      plot_folder = NULL,
                      plot_pareto = TRUE,
                      version_prompt = FALSE,
                      export = TRUE,
                      calibration_input = NULL,
                      objective_weights = NULL,
                      ...) {
    args <- c(as.list(environment()), list(...))
    calls[[length(calls) + 1]] <<- args
    json <- jsonlite::fromJSON(json_file)
    window_length <- json$InputCollect$rollingWindowLength
    if (refresh_steps >= window_length) {
      stop("Refresh input data is completely new. Please rebuild model using robyn_run().")
    }
    dates <- as.Date(dt_input[[json$InputCollect$date_var]])
    window_start <- as.Date(json$InputCollect$window_start) + 7 * refresh_steps
    window_end <- as.Date(json$InputCollect$window_end) + 7 * refresh_steps
    if (window_end > max(dates)) {
      stop("Not enough data for this refresh. Input data from date ", window_end, " or later required")
    }
    message(sprintf("\n>>> Building refresh model #%s in %s mode", 1, refresh_mode))
    message(">>> New bounds freedom: ", round(100 * bounds_freedom, 2), "%")
    message(sprintf("Running trial 1 of %d", refresh_trials))
    objects <- fake_robyn_objects(spec, hyperparameters)
    output <- objects$output_collect
    output$resultHypParam <- output$resultHypParam[order(output$resultHypParam$decomp.rssd), , drop = FALSE]
    select_id <- output$resultHypParam$solID[[1]]
    output$selectID <- select_id
    output$allSolutions <- output$resultHypParam$solID
    output$OutputModels <- objects$output_models
    for (table in c("resultHypParam", "xDecompAgg", "mediaVecCollect", "xDecompVecCollect")) {
      output[[table]]$refreshStatus <- 1L
      output[[table]]$bestModRF <- output[[table]]$solID %in% select_id
    }
    input <- c(objects$input_collect[setdiff(names(objects$input_collect), c("window_start", "window_end", "rollingWindowLength"))], list(
      window_start = window_start, window_end = window_end, rollingWindowLength = window_length,
      refreshAddedStart = as.Date(json$InputCollect$window_end) + 7, refresh_steps = refresh_steps,
      refreshCounter = 1, refreshSourceID = json$ExportedModel$select_model
    ))
    folder <- file.path(plot_folder, "Robyn_202612070930_rf1")
    dir.create(folder, recursive = TRUE, showWarnings = FALSE)
    writeLines(sprintf("{\"ExportedModel\": {\"select_model\": \"%s\"}}", select_id), file.path(folder, sprintf("RobynModel-%s.json", select_id)))
    writeLines("solID", file.path(folder, "report_hyperparameters.csv"))
    report <- list(
      resultHypParamReport = output$resultHypParam[output$resultHypParam$bestModRF, , drop = FALSE],
      selectIDs = c(json$ExportedModel$select_model, select_id)
    )
    chain <- list(
      listInit = list(InputCollect = list(window_start = json$InputCollect$window_start), OutputCollect = list()),
      listRefresh1 = list(InputCollect = input, OutputCollect = output, ReportCollect = report),
      refresh = list(
        selectIDs = report$selectIDs, refresh_steps = refresh_steps, refresh_mode = refresh_mode,
        refresh_trials = refresh_trials, refresh_iters = refresh_iters, plots = list()
      )
    )
    chain <- chain[order(names(chain))]
    class(chain) <- c("robyn_refresh", class(chain))
    invisible(chain)
  }
  list(refresh = refresh, calls = function() calls)
}

# A fake robyn_run() with dt_hyper_fixed: one model, the fixed values in its resultHypParam row, every paid
# channel's ROI set to `roi` (to tell the refit's figures apart in the report).
fake_fixed_run <- function(spec, hyperparameters, roi = 0.9) {
  calls <- list()
  run <- function(InputCollect, dt_hyper_fixed, ...) {
    calls[[length(calls) + 1]] <<- c(list(InputCollect = InputCollect, dt_hyper_fixed = dt_hyper_fixed), list(...))
    objects <- fake_robyn_objects(spec, hyperparameters, n_models = 2L, n_pareto = 2L)$output_collect
    hyp <- objects$resultHypParam[1, , drop = FALSE]
    for (name in names(dt_hyper_fixed)) hyp[[name]] <- dt_hyper_fixed[[name]][[1]]
    agg <- objects$xDecompAgg[objects$xDecompAgg$solID == hyp$solID, , drop = FALSE]
    agg$roi_total <- ifelse(is.na(agg$roi_total), NA, roi)
    list(resultHypParam = hyp, xDecompAgg = agg)
  }
  list(run = run, calls = function() calls)
}
