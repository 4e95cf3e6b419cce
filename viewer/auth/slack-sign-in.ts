/**
 * Sign in with Slack (OpenID Connect, authorization-code flow), limited to one workspace:
 *
 * 1. `authorizeUrl`: the browser goes to Slack with `state` and `nonce` (kept in a signed cookie) and the
 *    workspace's `team` id, so Slack offers that workspace.
 * 2. `completeSignIn`: the app exchanges the code at `openid.connect.token` (server to server, over TLS:
 *    the ID token comes straight from Slack, so its claims are checked but its signature need not be,
 *    OpenID Connect Core §3.1.3.7), checks audience, nonce and workspace, reads `openid.connect.userInfo`,
 *    and, when the bot token is configured, `users.info` to know whether the person is an admin or owner.
 *
 * The API base URL is configurable (`SLACK_API_URL`), so tests point it at a loopback fake of Slack.
 */
import { MmmError } from "../../common/errors.ts";

export const SLACK_AUTHORIZE_URL = "https://slack.com/openid/connect/authorize";
export const SLACK_API_URL = "https://slack.com/api/";
const TEAM_CLAIM = "https://slack.com/team_id";
const USER_CLAIM = "https://slack.com/user_id";

export interface SlackSignInSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The workspace people must belong to (`T…`). */
  readonly teamId: string;
  /** Where Slack sends the browser back: `<base URL>/auth/slack/callback`. */
  readonly redirectUri: string;
  /** Slack's Web API base URL, ending in `/` (default `https://slack.com/api/`). */
  readonly apiUrl?: string;
  readonly authorizeUrl?: string;
  /** With a bot token, `users.info` tells admins and owners apart (they may issue API tokens). */
  readonly botToken?: string;
}

export interface SlackUser {
  readonly id: string;
  readonly name: string;
  readonly team: string;
  readonly admin: boolean;
}

export function authorizeUrl(settings: SlackSignInSettings, state: string, nonce: string): string {
  const url = new URL(settings.authorizeUrl ?? SLACK_AUTHORIZE_URL);
  url.search = new URLSearchParams({
    response_type: "code",
    scope: "openid profile email",
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    state,
    nonce,
    team: settings.teamId,
  }).toString();
  return url.toString();
}

export async function completeSignIn(
  settings: SlackSignInSettings,
  code: string,
  nonce: string,
): Promise<SlackUser> {
  const token = await slackCall(settings, "openid.connect.token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      code,
      redirect_uri: settings.redirectUri,
      grant_type: "authorization_code",
    }).toString(),
  });
  const accessToken = typeof token.access_token === "string" ? token.access_token : undefined;
  const claims = typeof token.id_token === "string" ? idTokenClaims(token.id_token) : undefined;
  if (!accessToken || !claims) throw signInFailed("Slack answered without an access token or ID token.");
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(settings.clientId)) throw signInFailed("the ID token is for another app.");
  if (claims.nonce !== nonce) throw signInFailed("the ID token does not answer this sign-in (nonce).");

  const info = await slackCall(settings, "openid.connect.userInfo", {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const team = String(info[TEAM_CLAIM] ?? claims[TEAM_CLAIM] ?? "");
  if (team !== settings.teamId) {
    throw new MmmError(
      "forbidden",
      `You signed in to another Slack workspace (${team || "unknown"}); this viewer is for workspace ${settings.teamId}. Sign in again and choose that workspace.`,
      { context: { field: "team" } },
    );
  }
  const id = String(info[USER_CLAIM] ?? info.sub ?? "");
  if (id === "") throw signInFailed("Slack did not say who signed in.");
  const name = String(info.name ?? info.given_name ?? id);
  return { id, name, team, admin: await isWorkspaceAdmin(settings, id) };
}

async function isWorkspaceAdmin(settings: SlackSignInSettings, userId: string): Promise<boolean> {
  if (!settings.botToken) return false;
  const answer = await slackCall(settings, `users.info?user=${encodeURIComponent(userId)}`, {
    method: "GET",
    headers: { authorization: `Bearer ${settings.botToken}` },
  }).catch(() => undefined);
  const user = answer?.user as { is_admin?: unknown; is_owner?: unknown } | undefined;
  return user?.is_admin === true || user?.is_owner === true;
}

async function slackCall(
  settings: SlackSignInSettings,
  method: string,
  init: RequestInit,
): Promise<Record<string, unknown>> {
  const base = (settings.apiUrl ?? SLACK_API_URL).replace(/\/?$/, "/");
  let response: Response;
  try {
    response = await fetch(`${base}${method}`, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new MmmError("unavailable", `Slack could not be reached for sign-in: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || body.ok !== true) {
    throw signInFailed(`Slack refused ${method.split("?")[0]} (${String(body.error ?? response.status)}).`);
  }
  return body;
}

/** The claims of a JWT, without checking its signature (see the file's comment for why that is sound). */
function idTokenClaims(idToken: string): Record<string, unknown> | undefined {
  const part = idToken.split(".")[1];
  if (!part) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function signInFailed(why: string): MmmError {
  return new MmmError("unauthorized", `Sign-in with Slack failed: ${why} Try again.`, {
    context: { field: "code" },
  });
}
