/**
 * Upload a Robyn model file (`RobynModel-<solID>.json`) to rebuild it as a one-model run on a warehouse
 * table; the model's data must be in the warehouse, as the app trains only from there.
 */
import type { FC } from "hono/jsx";
import type { SessionData } from "../viewer-env.ts";
import { CsrfField } from "./components/csrf-field.tsx";

export const RobynImportPage: FC<{ session: SessionData; tables: readonly string[] }> = ({
  session,
  tables,
}) => (
  <>
    <h1>Import a Robyn model</h1>
    <section class="card">
      <p>
        A <code>RobynModel-&lt;solID&gt;.json</code> written by Robyn's <code>robyn_write()</code> (3.12.1's
        format) is rebuilt with the native engine as a run of one model, which the model page, the allocator
        and response queries use like any other. A field the engine cannot honour (a constrained Prophet sign,
        for one) stops the import with its name; the API's answer (<code>POST /api/robyn-models</code>) lists
        what became of every field.
      </p>
      <form class="stack" method="post" action="/runs/import-robyn" enctype="multipart/form-data">
        <CsrfField session={session} />
        <label>
          Robyn model file
          <input type="file" name="model" accept=".json,application/json" required />
        </label>
        <label>
          Warehouse table with the model's data
          <input
            type="text"
            name="table"
            required
            list="robyn-import-tables"
            placeholder="DEMO.SIMULATED_WEEKLY"
          />
          <datalist id="robyn-import-tables">
            {tables.map((table) => (
              <option value={table} />
            ))}
          </datalist>
        </label>
        <label>
          Country (default: the file's Prophet country)
          <input type="text" name="country" maxlength={2} placeholder="DE" />
        </label>
        <button type="submit" data-action="import-robyn">
          Rebuild the model
        </button>
      </form>
    </section>
  </>
);
