/**
 * API tokens (admins): issue one with a label (shown once, stored as its hash), see who issued which and
 * when, revoke. Tokens from MMM_API_TOKENS are counted but never shown.
 * One JSX template that reads top to bottom like the page, hence its length.
 */
import type { FC } from "hono/jsx";
import type { ApiToken } from "../../core/run-store/port.ts";
import type { SessionData } from "../viewer-env.ts";
import { CsrfField } from "./components/csrf-field.tsx";
import { ActionTable } from "./components/action-table.tsx";
import { when } from "./format.ts";
import { actorName } from "./run-best-model.ts";

export const TokensPage: FC<{
  tokens: readonly ApiToken[];
  envTokens: number;
  session: SessionData;
  issued?: { token: string; label: string };
}> = ({ tokens, envTokens, session, issued }) => (
  <>
    <h1>API tokens</h1>
    {issued && (
      <section class="card ok">
        <h2>Token “{issued.label}” issued</h2>
        <p>Copy it now: it is stored only as a hash and cannot be shown again.</p>
        <input class="copy" type="text" readonly value={issued.token} aria-label="new API token" />
        <p class="note">
          Use it as <code>Authorization: Bearer {"<token>"}</code>. The API is described at{" "}
          <a href="/api/openapi.json">/api/openapi.json</a>.
        </p>
      </section>
    )}
    <section class="card">
      <h2>Issue a token</h2>
      <form class="inline" method="post" action="/admin/tokens">
        <CsrfField session={session} />
        <label>
          What it is for
          <input type="text" name="label" required maxlength={100} placeholder="Looker export" />
        </label>
        <button type="submit">Issue</button>
      </form>
      {envTokens > 0 && (
        <p class="note">
          Also accepted: {envTokens} token(s) from MMM_API_TOKENS (set in the environment, not shown).
        </p>
      )}
    </section>
    <section class="card">
      <h2>Issued tokens</h2>
      {tokens.length === 0 ? (
        <p class="note">None yet.</p>
      ) : (
        <ActionTable
          headers={["Id", "For", "Issued", "State"]}
          items={tokens}
          cells={(t) => (
            <>
              <td>
                <code>{t.id}</code>
              </td>
              <td>{t.label}</td>
              <td>
                {actorName(t.by)}, {when(t.createdAt)}
              </td>
              <td>{t.revokedAt ? `revoked by ${actorName(t.revokedBy)}, ${when(t.revokedAt)}` : "active"}</td>
            </>
          )}
          action={(t) => (t.revokedAt ? undefined : `/admin/tokens/${t.id}/revoke`)}
          button="Revoke"
          session={session}
        />
      )}
    </section>
  </>
);
