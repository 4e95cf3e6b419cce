# The training-time allocation of a Robyn run in the files the app reads for any allocation
# (common/run-folder.ts allocationBase: output/allocator/<solID>_<scenario>.csv, .json, .png): the table
# (allocator.R), the JSON document `mmm allocate` and the model page write (core/results/
# model-allocation.ts modelAllocationJson: solID, dateRange, intervalType and the allocator's result with
# Robyn's dt_optimOut names), and Robyn's picture. Robyn's own <solID>_reallocated.* stay in output/robyn/.
#
# Robyn's optimiser (nloptr, allocator$nlsMod) can stop without an optimum and Robyn still returns a
# table; optimiser_note() turns its status into a warning for model_summary.json and the run's events.

allocation_base <- function(solID, scenario) file.path("allocator", paste0(solID, "_", scenario))

# nloptr's status: 1-4 converged; 5 and 6 stopped at the evaluation or time limit; negative failed.
optimiser_note <- function(nls_mod, solID) {
  status <- nls_mod$status
  if (is.null(status) || length(status) != 1 || is.na(status) || status %in% 1:4) {
    return(NULL)
  }
  message <- if (is.null(nls_mod$message)) "no message" else paste(nls_mod$message, collapse = " ")
  if (status < 0) {
    return(sprintf(
      "Robyn's budget optimiser failed for model %s (nloptr status %d: %s): the allocation shown is where it stopped, not an optimum.",
      solID, as.integer(status), message
    ))
  }
  sprintf(
    "Robyn's budget optimiser stopped at its limit before converging for model %s (nloptr status %d: %s): the allocation may not be the optimum.",
    solID, as.integer(status), message
  )
}

# Non-finite numbers as the native JSON writes them (allocation-table.ts): "Inf"/"-Inf"; NaN/NA as null.
allocation_number <- function(x) {
  if (length(x) != 1 || is.na(x)) {
    return(NA)
  }
  if (is.infinite(x)) if (x > 0) "Inf" else "-Inf" else as.numeric(x)
}

# The count in Robyn's periods cell ("52 weeks"), or the number itself.
period_count <- function(x) {
  if (is.numeric(x)) {
    return(x)
  }
  suppressWarnings(as.numeric(sub("^\\s*([0-9.]+).*$", "\\1", as.character(x))))
}

# The allocation as modelAllocationJson writes it, from the run's allocator table and Robyn's dt_optimOut.
allocation_document <- function(table, optim_out, spec, solID, interval_type) {
  optim_out <- plain_table(optim_out)
  first <- function(column) if (column %in% names(table)) table[[column]][[1]] else NA
  periods <- period_count(first("periods"))
  rows <- lapply(seq_len(nrow(table)), function(i) {
    row <- lapply(ALLOCATOR_ROW_COLUMNS, function(column) {
      value <- table[[column]][[i]]
      if (column == "channels") value else allocation_number(value)
    })
    names(row) <- ALLOCATOR_ROW_COLUMNS
    c(row, list(excluded = table$excluded[[i]]))
  })
  totals <- lapply(ALLOCATOR_TOTAL_COLUMNS, function(column) {
    if (column == "periods") periods else allocation_number(first(column))
  })
  names(totals) <- ALLOCATOR_TOTAL_COLUMNS
  # The whole range's totals, as the native allocator reports them beside the per-period ones.
  for (name in c("initSpend", "initResponse", "optmSpend", "optmResponse")) {
    totals[[paste0(name, "Total")]] <- allocation_number(as.numeric(first(paste0(name, "UnitTotal"))) * periods)
  }
  excluded <- which(!is.na(table$excluded))
  date_range <- if (all(c("date_min", "date_max") %in% names(optim_out)) && nrow(optim_out) > 0) {
    list(from = format(as.Date(optim_out$date_min[[1]])), to = format(as.Date(optim_out$date_max[[1]])), periods = periods)
  }
  document <- list(
    solID = solID,
    dateRange = date_range,
    intervalType = interval_type,
    engine = "robyn",
    scenario = spec$allocator$scenario,
    depVarType = spec$dep_var_type,
    periods = periods,
    rows = rows,
    totals = totals,
    excluded = lapply(excluded, function(i) list(channel = table$channels[[i]], reason = table$excluded[[i]])),
    bindingBounds = list()
  )
  document[!vapply(document, is.null, logical(1))]
}

# Writes the three files of the allocation into `output_dir`; returns the optimiser's warning or NULL.
write_allocation_files <- function(allocation, spec, solID, paid_media, interval_type, output_dir, plot_folder) {
  table <- allocator_table(allocation$dt_optimOut, spec, paid_media)$table
  base <- allocation_base(solID, spec$allocator$scenario)
  write_csv_file(table, file.path(output_dir, paste0(base, ".csv")), na = "")
  document <- allocation_document(table, allocation$dt_optimOut, spec, solID, interval_type)
  write_text_file(to_json(document, pretty = TRUE), file.path(output_dir, paste0(base, ".json")))
  pictures <- if (!is.null(plot_folder) && dir.exists(plot_folder)) {
    list.files(plot_folder, pattern = paste0("^", solID, "_.*reallocated.*\\.png$"), recursive = TRUE, full.names = TRUE)
  } else {
    character(0)
  }
  if (length(pictures) > 0) file.copy(pictures[[1]], file.path(output_dir, paste0(base, ".png")), overwrite = TRUE)
  optimiser_note(allocation$nlsMod, solID)
}
