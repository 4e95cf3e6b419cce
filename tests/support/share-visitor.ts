/**
 * A share link as its recipient meets it in the viewer tests: made through the run page's form, its token
 * cut from the link's URL, and opened from another machine (local mode refuses a remote visitor anything
 * else), which gives the recipient's session cookie.
 */
import type { ShareLink } from "../../core/run-store/port.ts";
import { shareUrl } from "../../viewer/auth/share-link.ts";
import { REMOTE, TEST_SECRET, sessionCookieOf, type Harness } from "./viewer-harness.ts";

/** Makes a link to the harness run (or, with `solID`, one model) through the form and returns its token. */
export async function createShareLink(
  h: Harness,
  fields: Record<string, string> = {},
): Promise<{ token: string; id: string }> {
  await h.postForm(`/runs/${h.run.id}/share`, { days: "7", ...fields });
  const link = (await h.services.runs.listShareLinks(h.run.id))[0]!;
  return { token: shareTokenOf(link), id: link.id };
}

/** The token in the link's URL, signed with `secret` (another one forges a link the viewer must refuse). */
export function shareTokenOf(link: ShareLink, secret = TEST_SECRET): string {
  return shareUrl("http://x", link, secret).split("/share/")[1]!;
}

/** Opens `/share/<token>` from another machine; `cookie` is the recipient's session, if one was given. */
export async function openShareLink(
  h: Harness,
  token: string,
): Promise<{ response: Response; cookie?: string }> {
  const response = await h.request(`/share/${token}`, { remote: REMOTE });
  return { response, cookie: sessionCookieOf(response) };
}
