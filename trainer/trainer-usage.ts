/** The `mmm trainer` usage line, apart from the trainer so that `mmm --help` does not load it. */
export const TRAINER_USAGE =
  "mmm trainer --run RUN_ID [--shard | --merge]   (started by the app's launcher; reads MMM_EVENTS_URL, and MMM_EVENT_TOKEN or MMM_EVENT_KEY)";
