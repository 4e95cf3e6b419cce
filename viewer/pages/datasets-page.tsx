/**
 * The datasets (the latest version of each) and the upload form. A refused upload comes back here with
 * its problem beside the file input and the name and sheet as they were typed (a browser never keeps a
 * chosen file).
 */
import type { FC } from "hono/jsx";
import type { MmmError } from "../../common/errors.ts";
import { formatDatasetRef, type Dataset } from "../../core/datasets/dataset.ts";
import type { SessionData } from "../viewer-env.ts";
import { CsrfField } from "./components/csrf-field.tsx";
import { FieldProblem } from "./components/field-problem.tsx";
import { num, when } from "./format.ts";

export const DatasetsPage: FC<{
  session: SessionData;
  datasets: readonly Dataset[];
  maxBytes: number;
  form?: { values: Readonly<Record<string, string>>; problem: MmmError };
}> = ({ session, datasets, maxBytes, form }) => {
  const problem = form?.problem;
  const fieldOf = (field: string) => problem?.field === field;
  const elsewhere = problem && !["file", "name", "sheet"].includes(problem.field ?? "");
  return (
    <>
      <h1>Datasets</h1>
      <section class="card" id="upload">
        <h2>Upload a file</h2>
        <p class="note">
          A CSV (any delimiter, decimal comma, quoted fields), Parquet or XLSX file of up to{" "}
          {num(maxBytes / (1024 * 1024), 0)} MB with one row per date (and market). It is read, checked and
          kept as a new version of the dataset; nothing is kept when a check fails.
        </p>
        <form
          class="stack"
          method="post"
          action="/datasets"
          enctype="multipart/form-data"
          data-form="upload-dataset"
        >
          {/* First, so that the token arrives before the file and is checked before it is written. */}
          <CsrfField session={session} />
          {elsewhere && <FieldProblem problem={problem} />}
          <label>
            File
            <input
              type="file"
              name="file"
              accept=".csv,.tsv,.txt,.parquet,.xlsx"
              required
              aria-invalid={fieldOf("file") ? "true" : undefined}
            />
          </label>
          {fieldOf("file") && <FieldProblem problem={problem!} />}
          <label>
            Name (default: from the file's name)
            <input
              type="text"
              name="name"
              maxlength={64}
              placeholder="weekly-sales"
              value={form?.values.name ?? ""}
              aria-invalid={fieldOf("name") ? "true" : undefined}
            />
          </label>
          {fieldOf("name") && <FieldProblem problem={problem!} />}
          <label>
            Sheet (XLSX only; default the first)
            <input
              type="text"
              name="sheet"
              maxlength={200}
              value={form?.values.sheet ?? ""}
              aria-invalid={fieldOf("sheet") ? "true" : undefined}
            />
          </label>
          {fieldOf("sheet") && <FieldProblem problem={problem!} />}
          <button type="submit" data-action="upload-dataset">
            Upload and preview
          </button>
        </form>
      </section>
      <section class="card">
        <h2>Uploaded</h2>
        {datasets.length === 0 ? (
          <p class="note">No dataset yet: upload a file above.</p>
        ) : (
          <div class="table-wrap">
            <table data-table="datasets">
              <thead>
                <tr>
                  <th>Dataset</th>
                  <th>File</th>
                  <th>Rows</th>
                  <th>Columns</th>
                  <th>Dates</th>
                  <th>Uploaded</th>
                </tr>
              </thead>
              <tbody>
                {datasets.map((d) => (
                  <tr>
                    <td>
                      <a href={`/datasets/${formatDatasetRef(d)}`}>{formatDatasetRef(d)}</a>
                    </td>
                    <td>{d.fileName}</td>
                    <td>{num(d.rows, 0)}</td>
                    <td>{d.columns.length}</td>
                    <td>
                      {d.dateRange.start} to {d.dateRange.end}
                    </td>
                    <td>
                      {when(d.uploadedAt)} by {d.uploadedBy.name ?? d.uploadedBy.id}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
};
