/**
 * Share links of a run (for people with full access): make one for the run or one model, for a number of
 * days; see the links given out, with their URL (computed again from the record), a preview of what its
 * recipient sees (also after it expired or was revoked) and a button to revoke.
 * One JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { ShareLink } from "../../../core/run-store/port.ts";
import type { SessionData } from "../../viewer-env.ts";
import { DEFAULT_SHARE_DAYS, MAX_SHARE_DAYS } from "../../auth/share-link.ts";
import { when } from "../format.ts";
import { actorName } from "../run-best-model.ts";
import { CsrfField } from "./csrf-field.tsx";
import { ActionTable } from "./action-table.tsx";

export interface ShownLink {
  readonly link: ShareLink;
  readonly url: string;
  readonly state: "active" | "expired" | "revoked";
}

export const ShareLinks: FC<{
  runId: string;
  solID?: string;
  links: readonly ShownLink[];
  session: SessionData;
}> = ({ runId, solID, links, session }) => (
  <section class="card">
    <h2>Share</h2>
    <p class="note">
      Anyone with a share link sees {solID ? "this model" : "this run and its models"} (read only) until the
      link expires or is revoked; no sign-in needed.
    </p>
    <form class="inline" method="post" action={`/runs/${runId}/share`}>
      <CsrfField session={session} />
      {solID && <input type="hidden" name="solID" value={solID} />}
      <label>
        Valid for
        <input type="number" name="days" min={1} max={MAX_SHARE_DAYS} value={DEFAULT_SHARE_DAYS} /> days
      </label>
      <button type="submit">Create a share link</button>
    </form>
    {links.length > 0 && (
      <ActionTable
        headers={["Opens", "Link", "By", "Expires", "State"]}
        items={links}
        cells={({ link, url, state }) => (
          <>
            <td>{link.solID ? `model ${link.solID}` : "the run"}</td>
            <td>
              {state === "active" ? (
                <input class="copy" type="text" readonly value={url} aria-label="share link" />
              ) : (
                "–"
              )}
            </td>
            <td>{actorName(link.by)}</td>
            <td>{when(link.expiresAt)}</td>
            <td>{state === "revoked" ? `revoked ${when(link.revokedAt)}` : state}</td>
          </>
        )}
        lead={({ url }) => (
          <a href={`${url}?preview`} title="Open the link as its recipient sees it">
            Preview
          </a>
        )}
        action={({ link, state }) =>
          state === "active" ? `/runs/${runId}/share-links/${link.id}/revoke` : undefined
        }
        button="Revoke"
        session={session}
      />
    )}
  </section>
);
