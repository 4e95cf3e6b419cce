/**
 * One usage line per `mmm` command, apart from the command modules so that `mmm --help` (and a mistyped
 * command) loads none of them; each command module quotes its own line in its error messages.
 */
export const USAGE = {
  fit: "mmm fit --spec spec.json [--data data.csv] [--holidays H.csv]",
  train:
    "mmm train --spec spec.json --data data.csv --out DIR [--holidays H.csv] [--workers N] [--json] [--callback URL --token TOKEN]\n" +
    "       mmm train --table T|--sql Q|--dataset NAME[@V] --country DE[,FR] [--spec spec.json] [--tag TAG] [--json]",
  allocate:
    "mmm allocate --run DIR|RUN_ID --model SOLID [--budget N | --target-roas X | --target-cpa X] [--low 0.5|tv_S=0.5,…]\n" +
    "       [--high 2|tv_S=1.5,…] [--date-range all|last|last_N|START:END] [--scenario max_response|target_efficiency] [--json]\n" +
    "  --low/--high bound each channel's spend as a multiple of its current spend, for all channels or per channel by\n" +
    "  name (defaults 0.5 and 2; 0.1 and 10 with a target); the defaults of the spec's allocator section apply when it has one.",
  response:
    "mmm response (--run DIR|RUN_ID --model SOLID | --spec spec.json [--data data.csv]) --metric NAME [--value X] [--date-range all|last|last_N|DATE,DATE…]",
  twin: "mmm twin --run DIR|RUN_ID --model SOLID [--iterations N --trials N] [--seed N] [--workers N] [--json]",
  refresh:
    "mmm refresh --run DIR|RUN_ID --model SOLID --data FILE.csv --out DIR [--steps N] [--iterations N --trials N] [--bounds-freedom F] [--workers N]",
  scenario:
    "mmm scenario --run DIR|RUN_ID --model SOLID[,SOLID…] (--plan plan.csv | --last N [--multiplier 1.2|tv_S=1.2,…])",
  "export-robyn": "mmm export-robyn --run DIR|RUN_ID --model SOLID [--out FILE]",
  "import-robyn":
    "mmm import-robyn FILE --out DIR [--data DATA.csv] [--holidays H.csv] [--country CC] [--prophet native|precomputed]",
  runs: "mmm runs [--country DE] [--status queued|preparing|running|succeeded|failed|cancelled] [--limit N]",
  status: "mmm status RUN_ID [--json]",
  schema: "mmm schema [--out FILE]",
  datasets: "mmm datasets add FILE [--name NAME] [--sheet SHEET] | mmm datasets list",
  import: "mmm import DIR [--tag TAG]   (a run folder trained with mmm train --out DIR)",
  serve: "mmm serve [--json]   (configured by the environment or .env; see .env.example)",
  start: "mmm start [--json]   (configured by the environment or .env; see .env.example)",
} as const;
