# One Robyn run from its spec and data to its artifacts, with events on the way; what run_all.R runs.
# The same files, states and events as the native trainer (trainer/trainer.ts):
#
#   status running → event started → spec, data, Robyn → output/*.csv, pictures, allocator,
#   model_summary.json → status succeeded (last) → event completed
#
# Any error ends in status failed (reason and log tail) and a `failed` event; an interrupt (SIGINT, sent
# by the image's entrypoint on SIGTERM, i.e. a Cloud Run cancel) ends in status cancelled and a
# `cancelled` event. Files are written to a local working folder and published to the artifact store:
# log.txt and status.json at each transition, the outputs before the final status.

TRAINER_EXIT_CODES <- c(succeeded = 0L, failed = 1L, cancelled = 130L)

# A refresh's parent model as robyn_write() writes it, put beside the spec by the app
# (RUN_FILES.refreshParentModel in common/run-folder.ts; the contract fixture checks the name).
REFRESH_PARENT_FILE <- "refresh_parent_model.json"

collector <- function() {
  items <- character(0)
  list(
    add = function(text) items <<- unique(c(items, text)),
    get = function() items
  )
}

write_text_file <- function(text, path) {
  dir.create(dirname(path), recursive = TRUE, showWarnings = FALSE)
  connection <- file(path, open = "wb")
  on.exit(close(connection))
  writeBin(charToRaw(enc2utf8(text)), connection)
}

# Copies Robyn's pictures to their canonical names: onepagers/<solID>.png, pareto_front.png (the
# allocator's picture: allocation-outputs.R); and every file Robyn exported to output/robyn/ (its own CSVs, JSON and plots).
copy_robyn_files <- function(plot_folder, output_dir, model_ids) {
  if (is.null(plot_folder) || !dir.exists(plot_folder)) {
    return(character(0))
  }
  files <- list.files(plot_folder, recursive = TRUE, full.names = TRUE)
  copied <- character(0)
  place <- function(from, relative) {
    target <- file.path(output_dir, relative)
    dir.create(dirname(target), recursive = TRUE, showWarnings = FALSE)
    if (file.copy(from, target, overwrite = TRUE)) copied <<- c(copied, relative)
  }
  for (file in files) {
    name <- basename(file)
    place(file, file.path("robyn", name))
    if (sub("\\.png$", "", name) %in% model_ids) place(file, file.path("onepagers", name))
    if (name == "pareto_front.png") place(file, "pareto_front.png")
  }
  copied
}

# The calls that led to an error, without R's condition-handling frames, innermost last.
call_trace <- function(calls, max = 15) {
  text <- vapply(calls, function(call) paste(deparse(call, nlines = 1), collapse = ""), character(1))
  plumbing <- "^(tryCatch|tryCatchList|tryCatchOne|doTryCatch|withCallingHandlers|\\.handleSimpleError|h\\(simpleError|stop\\(|signalCondition)"
  text <- text[!grepl(plumbing, text)]
  paste("  at", utils::tail(text, max))
}

# The run's working state: a local folder mirrored to the artifact store, the log, the event sink and
# the status writer.
run_context <- function(env, store, deliver, echo) {
  started_at <- Sys.time()
  cpu_start <- cpu_now()
  work_dir <- tempfile("mmm-run-")
  dir.create(file.path(work_dir, "output"), recursive = TRUE)
  log <- run_log(file.path(work_dir, "log.txt"), echo)
  file.create(log$path)
  # The SIGTERM fallback reads the last sequence number from here; a missing folder would lose events.
  dir.create(env$state_dir, recursive = TRUE, showWarnings = FALSE)
  events <- event_sink(deliver, state_file = file.path(env$state_dir, paste0("mmm-events-", env$run_id, ".seq")))
  ctx <- list(
    env = env, store = store, work_dir = work_dir, output_dir = file.path(work_dir, "output"), log = log,
    events = events, warnings = collector(), started_at = started_at
  )
  ctx$key <- function(name) run_key(env$run_id, name)
  ctx$publish <- function(relative) store$upload(file.path(work_dir, relative), ctx$key(relative))
  ctx$write_status <- function(state, extra = list()) {
    write_text_file(to_json(status_document(state, started_at, extra), pretty = TRUE), file.path(work_dir, "status.json"))
    ctx$publish("log.txt")
    ctx$publish("status.json")
  }
  ctx$final_extra <- function(extra = list()) {
    c(list(finished_at = iso_now()), extra, list(resources = resource_usage(started_at, cpu_start)))
  }
  ctx$progress <- function(phase, done, total, eta = NULL) {
    fields <- list(phase = phase, done = as.integer(done), total = as.integer(total))
    if (!is.null(eta)) fields$etaSeconds <- max(0, eta)
    do.call(events$send, c(list("progress"), fields))
  }
  ctx
}

# Spec and data: read, validated and prepared, before Robyn is loaded.
read_run_inputs <- function(ctx, schema_path) {
  ctx$store$download(ctx$key("spec.json"), file.path(ctx$work_dir, "spec.json"))
  spec_text <- paste(readLines(file.path(ctx$work_dir, "spec.json"), warn = FALSE, encoding = "UTF-8"), collapse = "\n")
  spec <- parse_run_spec(spec_text, read_schema(schema_path))
  if (spec$engine != "robyn") {
    stop_input("engine", sprintf(
      "This spec asks for the %s engine, but the Robyn trainer was started: launch it with engine \"%s\".",
      spec$engine, spec$engine
    ))
  }
  ctx$log$line(sprintf(
    "training %s with Robyn: %d iterations x %d trials, %d core(s)", spec$country, spec$iterations,
    spec$trials, ctx$env$cores
  ))
  ctx$progress("preparing", 0, spec$iterations * spec$trials)
  ctx$store$download(ctx$key("input.csv"), file.path(ctx$work_dir, "input.csv"))
  prepared <- prepare_data(read_input_csv(file.path(ctx$work_dir, "input.csv")), spec, ctx$log$line)
  dates <- prepared$data[[prepared$date_var]]
  ctx$log$line(sprintf(
    "data: %d rows, %s dates in \"%s\" from %s to %s", prepared$rows, prepared$interval, prepared$date_var,
    format(dates[[1]]), format(dates[[length(dates)]])
  ))
  check_robyn_columns(spec, prepared)
  hyperparameters <- build_hyperparameters(spec, prepared$interval)
  parent_json <- NULL
  if (!is.null(spec$refresh)) {
    parent_json <- file.path(ctx$work_dir, REFRESH_PARENT_FILE)
    ctx$store$download(ctx$key(REFRESH_PARENT_FILE), parent_json)
    ctx$log$line(sprintf(
      "refresh of model %s of run %s: %d step(s), with Robyn's robyn_refresh",
      spec$refresh$of$model, spec$refresh$of$run, as.integer(spec$refresh$steps)
    ))
  }
  ctx$log$line(sprintf(
    "hyperparameters: %d searched, %d fixed", length(hyperparameters$searched),
    length(hyperparameters$values) - length(hyperparameters$searched)
  ))
  ctx$publish("log.txt")
  list(spec = spec, prepared = prepared, hyperparameters = hyperparameters, parent_json = parent_json)
}

# The allocator for the best model, when the spec asks, in the files the app shows (allocation-outputs.R);
# a failure keeps the models, and a failure or an unfinished optimisation becomes a warning.
write_allocation <- function(ctx, robyn, spec, best_id, paid_media, interval_type) {
  if (is.null(spec$allocator) || is.na(best_id)) {
    return(invisible(NULL))
  }
  tryCatch(
    {
      note <- write_allocation_files(
        robyn$allocate(best_id), spec, best_id, paid_media, interval_type, ctx$output_dir, robyn$plot_folder
      )
      ctx$log$line(sprintf("allocator: %s for model %s", spec$allocator$scenario, best_id))
      if (!is.null(note)) {
        ctx$log$line(note)
        ctx$warnings$add(note)
      }
    },
    error = function(e) {
      note <- paste("The budget allocator failed, the models are kept:", conditionMessage(e))
      ctx$log$line(note)
      ctx$warnings$add(note)
    }
  )
}

# Robyn's results written as the run's outputs; returns the summary.
write_run_outputs <- function(ctx, robyn, inputs) {
  spec <- inputs$spec
  result <- collect_robyn_result(
    robyn$input_collect, robyn$output_models, robyn$output_collect, spec, inputs$hyperparameters, ctx$env$cores
  )
  result$date_var <- inputs$prepared$date_var
  built <- output_tables(result, spec)
  if (!is.null(result$clustering_failure)) {
    built$notes <- c(built$notes, sprintf(
      "Robyn could not cluster the Pareto models (%s): every Pareto model is kept, without clusters.",
      result$clustering_failure
    ))
  }
  for (note in built$notes) {
    ctx$log$line(note)
    ctx$warnings$add(note)
  }
  for (file in names(built$tables)) write_csv_file(built$tables[[file]], file.path(ctx$output_dir, file))
  pareto <- built$tables[["pareto_hyperparameters.csv"]]
  best_id <- if (nrow(pareto) > 0) best_model_row(pareto, robyn$selected)$solID else NA_character_
  write_allocation(ctx, robyn, spec, best_id, result$paid_media, inputs$prepared$interval)
  copy_robyn_files(robyn$plot_folder, ctx$output_dir, pareto$solID)
  for (line in result$convergence) ctx$log$line(line)
  if (!is.null(spec$refresh) && !is.na(best_id)) {
    report <- write_robyn_refresh_report(ctx$output_dir, spec, result, built$tables, best_id, robyn$refit)
    for (line in report$summary) ctx$log$line(paste("refresh:", line))
  }
  summary <- build_model_summary(
    result, built$tables, spec, robyn$version, iso_now(ctx$started_at), robyn$timings, ctx$warnings$get(),
    robyn$selected
  )
  summary$timings_seconds$total <- as.numeric(difftime(Sys.time(), ctx$started_at, units = "secs"))
  write_text_file(to_json(summary, pretty = TRUE), file.path(ctx$output_dir, "model_summary.json"))
  ctx$log$line(sprintf(
    "done: %d Pareto models in %s fronts, %d clusters, best model %s", summary$pareto_model_count,
    format(summary$pareto_fronts), summary$clusters$k, best_id
  ))
  summary
}

train_run <- function(ctx, engine, schema_path) {
  ctx$write_status("running")
  ctx$events$send("started", execution = if (nzchar(ctx$env$execution)) ctx$env$execution)
  inputs <- read_run_inputs(ctx, schema_path)
  total <- inputs$spec$iterations * inputs$spec$trials
  robyn <- engine(inputs$spec, inputs$prepared, inputs$hyperparameters, list(
    log = ctx$log, warnings = ctx$warnings, cores = ctx$env$cores, work_dir = ctx$work_dir, progress = ctx$progress,
    parent_json = inputs$parent_json
  ))
  ctx$progress("clustering", total, total, 0)
  summary <- write_run_outputs(ctx, robyn, inputs)
  for (file in list.files(ctx$output_dir, recursive = TRUE)) ctx$publish(file.path("output", file))
  finish <- ctx$final_extra()
  ctx$write_status("succeeded", finish)
  # The event carries the highlights; every Pareto model is in model_summary.json.
  ctx$events$send("completed", summary = summary[names(summary) != "pareto_models"], resources = finish$resources)
  "succeeded"
}

# Runs one run; returns "succeeded", "failed" or "cancelled" after writing the final status and event.
run_trainer <- function(env, store, deliver, engine = robyn_engine, schema_path = "run-spec.schema.json",
                        echo = TRUE) {
  ctx <- run_context(env, store, deliver, echo)
  stack <- NULL
  outcome <- tryCatch(
    withCallingHandlers(train_run(ctx, engine, schema_path), error = function(e) stack <<- sys.calls()),
    interrupt = function(e) {
      ctx$log$line("cancelled")
      try(ctx$write_status("cancelled", ctx$final_extra()))
      ctx$events$send("cancelled", reason = "stopped on request")
      "cancelled"
    },
    error = function(e) {
      reason <- failure_reason(e)
      ctx$log$line(paste("failed:", reason))
      if (!is_input_error(e) && !is.null(stack)) ctx$log$line(paste(call_trace(stack), collapse = "\n"))
      tail <- ctx$log$tail()
      finish <- ctx$final_extra(list(reason = reason, log_tail = tail))
      try(ctx$write_status("failed", finish))
      ctx$events$send("failed", reason = reason, logTail = tail, resources = finish$resources)
      "failed"
    }
  )
  unlink(ctx$work_dir, recursive = TRUE)
  outcome
}
