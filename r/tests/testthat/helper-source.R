# Loads the trainer's helpers and the contract fixtures exported by tests/infra/r-trainer-contract.test.ts.
r_root <- normalizePath(file.path(testthat::test_path(), "..", ".."))
repo_root <- normalizePath(file.path(r_root, ".."))
for (helper in sort(list.files(file.path(r_root, "R"), pattern = "\\.R$", full.names = TRUE))) source(helper)

read_fixture <- function(name) {
  parse_json(paste(readLines(testthat::test_path("fixtures", name), warn = FALSE, encoding = "UTF-8"), collapse = "\n"))
}
native_contract <- read_fixture("native-contract.json")
event_contract <- read_fixture("event-contract.json")
refresh_contract <- read_fixture("refresh-contract.json")
run_spec_schema <- read_schema(file.path(r_root, "run-spec.schema.json"))
demo_data_file <- file.path(repo_root, "tests", "golden", "fixtures", "dt_simulated_weekly.csv")

# The demo spec (Robyn's demo configuration) as JSON text, with `changes` applied.
demo_spec_text <- function(changes = list()) {
  spec <- native_contract$demo$spec
  for (name in names(changes)) spec[name] <- list(changes[[name]])
  to_json(spec)
}
demo_spec <- function(changes = list()) parse_run_spec(demo_spec_text(changes), run_spec_schema)
demo_prepared <- function(spec = demo_spec()) prepare_data(read_input_csv(demo_data_file), spec)

strings <- function(x) as.character(unlist(x))
