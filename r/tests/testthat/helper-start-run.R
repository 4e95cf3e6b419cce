# The whole trainer with a fake Robyn (helper-fake-robyn.R), a local artifact folder and recorded events.
run_id <- "20261126T043012Z-de-7f3a9c"

# `files`: more files of the run folder before the trainer starts (name = text), as the app writes them.
start_run <- function(spec_changes = list(), engine = fake_engine(), data_file = demo_data_file, state_dir_exists = TRUE,
                      files = list()) {
  root <- tempfile("artifacts-")
  prefix <- file.path(root, "runs", run_id)
  dir.create(prefix, recursive = TRUE)
  writeLines(demo_spec_text(spec_changes), file.path(prefix, "spec.json"))
  file.copy(data_file, file.path(prefix, "input.csv"))
  for (name in names(files)) writeLines(files[[name]], file.path(prefix, name))
  events <- list()
  env <- list(run_id = run_id, cores = 4L, execution = "mmm-trainer-robyn-abc12", state_dir = tempfile("state-"))
  if (state_dir_exists) dir.create(env$state_dir)
  outcome <- suppressMessages(run_trainer(
    env, local_artifact_store(root), function(event) events[[length(events) + 1]] <<- event,
    engine, file.path(r_root, "run-spec.schema.json"),
    echo = FALSE
  ))
  read_json_file <- function(name) parse_json(paste(readLines(file.path(prefix, name), warn = FALSE, encoding = "UTF-8"), collapse = "\n"))
  list(outcome = outcome, prefix = prefix, events = events, status = read_json_file("status.json"), read_json = read_json_file, env = env, root = root)
}
