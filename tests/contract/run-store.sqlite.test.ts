import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteRunStore } from "../../core/run-store/sqlite/sqlite.ts";
import { runStoreContract } from "./run-store.contract.ts";

runStoreContract("sqlite file", async ({ now }) => {
  const folder = await mkdtemp(join(tmpdir(), "mmm-run-store-"));
  const path = join(folder, "runs.sqlite");
  const store = await openSqliteRunStore({ path, now });
  return {
    store,
    reopen: () => openSqliteRunStore({ path, now }),
    cleanup: async () => {
      await store.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
});

runStoreContract("sqlite :memory:", async ({ now }) => {
  const store = await openSqliteRunStore({ path: ":memory:", now });
  return { store, cleanup: () => store.close() };
});
