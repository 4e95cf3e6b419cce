/** The per-session CSRF token every form sends back (`auth/form-token.ts`). */
import type { FC } from "hono/jsx";
import { CSRF_FIELD } from "../../auth/form-token.ts";
import type { SessionData } from "../../viewer-env.ts";

export const CsrfField: FC<{ session: SessionData }> = ({ session }) => (
  <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
);
