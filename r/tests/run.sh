#!/usr/bin/env bash
# Runs the Robyn trainer's tests (everything that does not need Robyn itself) and exits non-zero on a
# failure. Needs R with the Debian packages r-cran-testthat, r-cran-jsonlite, r-cran-digest and
# r-cran-httr (which brings r-cran-curl). Usage: bash r/tests/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec Rscript -e 'results <- testthat::test_dir("tests/testthat", reporter = testthat::SummaryReporter$new(show_praise = FALSE), stop_on_failure = TRUE, stop_on_warning = TRUE); frame <- as.data.frame(results); cat(sprintf("%d passed, %d failed, %d skipped\n", sum(frame$passed), sum(frame$failed), sum(frame$skipped)))'
