/** The one-button form that revokes a share link or an API token, with the session's CSRF token. */
import type { FC } from "hono/jsx";
import type { SessionData } from "../../viewer-env.ts";
import { CsrfField } from "./csrf-field.tsx";

export const RevokeForm: FC<{ action: string; session: SessionData }> = ({ action, session }) => (
  <form method="post" action={action}>
    <CsrfField session={session} />
    <button type="submit" class="danger">
      Revoke
    </button>
  </form>
);
