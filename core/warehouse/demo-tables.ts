/**
 * The demo tables bundled with the product (`demo-data/`), loaded by the DuckDB adapter into schema
 * DEMO so that a fresh clone can train a model with no warehouse account. Provenance, licence and the
 * true parameters of the generated table are in `demo-data/README.md`.
 */
import { join } from "node:path";

export interface DemoTable {
  /** Qualified name in the warehouse. */
  readonly name: string;
  /** CSV file in `demo-data/`. */
  readonly file: string;
  readonly description: string;
  /** Country column, when the table holds several countries. */
  readonly countryColumn?: string;
}

export const DEMO_SCHEMA = "DEMO";

export const DEMO_TABLES: readonly DemoTable[] = [
  {
    name: "DEMO.SIMULATED_WEEKLY",
    file: "simulated_weekly.csv",
    description:
      "Robyn's demo data (dt_simulated_weekly): 208 weeks, 2015-11-23 to 2019-11-11, one market. " +
      "MIT licence, Copyright (c) Meta Platforms, Inc. and affiliates.",
  },
  {
    name: "DEMO.MULTI_COUNTRY_WEEKLY",
    file: "multi_country_weekly.csv",
    description:
      "Simulated weekly data for DE, FR, GB and US (208 weeks each, 2021-01-04 to 2024-12-23) whose " +
      "revenue comes from a known model; the true parameters are in demo-data/README.md.",
    countryColumn: "COUNTRY",
  },
];

/** Folder holding the demo CSV files. */
export const DEMO_DATA_DIR = join(import.meta.dirname, "demo-data");
