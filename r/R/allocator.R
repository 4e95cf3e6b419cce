# The budget allocator's result as output/allocator/<solID>_<scenario>_reallocated.csv, with the
# native allocator table's columns (engine/allocator/allocation-table.ts): Robyn's dt_optimOut names
# per channel, the run totals repeated on every row, `scenario` and `dep_var_type` from the spec, and
# `excluded` ("zero_coef" or "zero_bounds") for paid channels Robyn left out of the optimisation.
# Missing values are empty cells, as in the native allocator table.

allocator_table <- function(optim_out, spec, paid_channels) {
  optim_out <- plain_table(optim_out)
  low <- spec$allocator$channel_constr_low
  up <- spec$allocator$channel_constr_up
  bound_of <- function(bounds, i) if (is.null(bounds)) NA else if (length(bounds) == 1) bounds else bounds[[i]]
  rows <- lapply(seq_along(paid_channels), function(i) {
    channel <- paid_channels[[i]]
    at <- match(channel, optim_out$channels)
    row <- if (is.na(at)) data.frame(channels = channel, stringsAsFactors = FALSE) else optim_out[at, , drop = FALSE]
    row$excluded <- if (!is.na(at)) {
      NA_character_
    } else if (identical(bound_of(low, i), 0) && identical(bound_of(up, i), 0)) {
      "zero_bounds"
    } else {
      "zero_coef"
    }
    row
  })
  all_columns <- unique(unlist(lapply(rows, names)))
  rows <- lapply(rows, function(row) {
    for (column in setdiff(all_columns, names(row))) row[[column]] <- NA
    row[, all_columns, drop = FALSE]
  })
  df <- do.call(rbind, rows)
  # Totals are the same on every row; fill excluded channels' rows from the optimised ones.
  for (column in intersect(ALLOCATOR_TOTAL_COLUMNS, names(df))) {
    known <- df[[column]][!is.na(df[[column]])]
    if (length(known) > 0) df[[column]][is.na(df[[column]])] <- known[[1]]
  }
  df$dep_var_type <- spec$dep_var_type
  df$scenario <- spec$allocator$scenario
  conform(df, allocator_columns())
}
