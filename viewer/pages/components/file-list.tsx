/** A run's files, each a download through the viewer (so share links reach them too). */
import type { FC } from "hono/jsx";

export const FileList: FC<{ runId: string; files: readonly string[] }> = ({ runId, files }) =>
  files.length === 0 ? (
    <></>
  ) : (
    <section class="card">
      <details>
        <summary>Files ({files.length})</summary>
        <ul class="files">
          {files.map((file) => (
            <li>
              <a href={`/runs/${runId}/files/${file}?download=1`}>{file}</a>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
