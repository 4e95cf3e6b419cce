/**
 * One usage line per `mmm` command, apart from the command modules so that `mmm --help` (and a mistyped
 * command) loads none of them; each command module quotes its own line in its error messages.
 */
export const USAGE = {
  fit: "mmm fit --spec spec.json [--data data.csv]",
  train: "mmm train --spec spec.json --data data.csv --out DIR [--workers N] [--callback URL --token TOKEN]",
  allocate:
    "mmm allocate --run DIR|RUN_ID --model SOLID [--budget N | --target-roas X | --target-cpa X] [--low 0.7] [--high 1.5] [--date-range all]",
  response:
    "mmm response (--run DIR|RUN_ID --model SOLID | --spec spec.json [--data data.csv]) --metric NAME [--value X] [--date-range all|last|last_N|DATE,DATE…]",
  refresh:
    "mmm refresh --run DIR|RUN_ID --model SOLID --data FILE.csv --out DIR [--steps N] [--iterations N --trials N] [--workers N]",
  "export-robyn": "mmm export-robyn --run DIR|RUN_ID --model SOLID [--out FILE]",
  "import-robyn":
    "mmm import-robyn FILE --out DIR [--data DATA.csv] [--holidays H.csv] [--country CC] [--prophet native|precomputed]",
  runs: "mmm runs [--country DE] [--status queued|preparing|running|succeeded|failed|cancelled] [--limit N]",
  status: "mmm status RUN_ID",
  schema: "mmm schema [--out FILE]",
  serve: "mmm serve   (the app on embedded defaults unless configured; see .env.example)",
  start: "mmm start   (mmm serve, and trains the bundled demo data on a fresh machine)",
} as const;
