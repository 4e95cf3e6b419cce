import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { openSnowflakeWarehouse } from "../../core/warehouse/snowflake/snowflake.ts";
import { FakeSnowflake } from "../fakes/fake-snowflake.ts";
import { warehouseContract } from "./warehouse.contract.ts";

const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
let fake: FakeSnowflake;
beforeAll(async () => {
  fake = await FakeSnowflake.start({ account: "mmmtest-acct", user: "mmm_app", publicKey });
});
afterAll(async () => {
  await fake?.close();
});

warehouseContract(
  "snowflake (loopback fake)",
  () =>
    openSnowflakeWarehouse({
      account: "mmmtest-acct",
      user: "mmm_app",
      role: "MMM_READER",
      warehouse: "MMM_WH",
      database: "MMM_TEST",
      privateKey: {
        setting: "SNOWFLAKE_PRIVATE_KEY_PATH",
        load: async () => privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      },
      accessUrl: fake.url,
    }),
  { fileReadSql: "SELECT $1 FROM @~/passwd.csv" },
);
