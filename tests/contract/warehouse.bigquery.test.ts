/**
 * The Warehouse contract against the BigQuery adapter: the official client talks HTTP to a loopback fake
 * of the BigQuery REST API (`tests/fakes/fake-bigquery.ts`), once with a default dataset and once
 * without (names then always carry their dataset, and the table list covers every dataset). Results come
 * in pages of 50 rows, so every read of a whole table pages. How the adapter uses BigQuery (the byte cap,
 * parameters, credentials, faults) is in `warehouse-faults.bigquery.test.ts`.
 */
import { afterAll, beforeAll } from "vitest";
import { openBigQueryWarehouse } from "../../core/warehouse/bigquery/bigquery.ts";
import { FakeBigQuery } from "../fakes/fake-bigquery.ts";
import { bigQueryTestAuth } from "../support/bigquery-test-auth.ts";
import { warehouseContract } from "./warehouse.contract.ts";

const PROJECT = "mmm-test";
const TOKEN = "contract-token";
let fake: FakeBigQuery;
beforeAll(async () => {
  fake = await FakeBigQuery.start({ project: PROJECT, token: TOKEN, pageRows: 50 });
});
afterAll(async () => {
  await fake?.close();
});

const FILE_READ = { fileReadSql: "SELECT * FROM EXTERNAL_QUERY('us.passwd', 'SELECT * FROM passwd')" };

warehouseContract(
  "bigquery (loopback fake), default dataset DEMO",
  async () =>
    openBigQueryWarehouse({
      project: PROJECT,
      dataset: "DEMO",
      apiEndpoint: fake.url,
      authClient: bigQueryTestAuth(TOKEN),
    }),
  FILE_READ,
);

warehouseContract(
  "bigquery (loopback fake), no default dataset",
  async () =>
    openBigQueryWarehouse({ project: PROJECT, apiEndpoint: fake.url, authClient: bigQueryTestAuth(TOKEN) }),
  FILE_READ,
);
