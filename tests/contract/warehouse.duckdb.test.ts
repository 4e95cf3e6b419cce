import { openDuckDbWarehouse } from "../../core/warehouse/duckdb/duckdb.ts";
import { CachedWarehouse } from "../../core/warehouse/cached-warehouse.ts";
import { warehouseContract } from "./warehouse.contract.ts";

warehouseContract("duckdb", () => openDuckDbWarehouse());

// The cache must not change what the contract promises.
warehouseContract(
  "duckdb behind the query cache",
  async () => new CachedWarehouse(await openDuckDbWarehouse()),
);
