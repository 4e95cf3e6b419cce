/**
 * The page shell: head (viewport, stylesheet), the top bar (navigation, who is looking, sign-out), the
 * page, and the two scripts (chart.js and the viewer's) when the page has charts or live parts.
 */
import type { Child, FC } from "hono/jsx";
import { staticAssets } from "../../static-assets.ts";
import type { Access, SessionData } from "../../viewer-env.ts";
import { CsrfField } from "./csrf-field.tsx";

export interface LayoutProps {
  readonly title: string;
  readonly access?: Access;
  readonly session?: SessionData;
  /** Load the browser scripts (charts, sortable tables, live status). */
  readonly scripts?: boolean;
  /** The server is open to everyone without sign-in (`MMM_ALLOW_UNAUTHENTICATED`): warn on the page. */
  readonly openWithoutSignIn?: boolean;
  readonly children?: Child;
}

export const Layout: FC<LayoutProps> = ({ title, access, session, scripts, openWithoutSignIn, children }) => {
  const assets = staticAssets();
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${title} · MMM Trainer`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assets.css.path} />
      </head>
      <body>
        <header class="top">
          <a class="brand" href={access?.kind === "full" ? "/runs" : "#"}>
            MMM Trainer
          </a>
          {access?.kind === "full" && (
            <nav>
              <a href="/runs">Runs</a>
              <a href="/countries">Best models</a>
              <a href="/budget-split">Budget split</a>
              <a href="/explore">Explore data</a>
              <a href="/prepare">Prepare data</a>
              <a href="/schedules">Schedules</a>
              <a href="/datasets">Datasets</a>
              {access.admin && <a href="/admin/tokens">API tokens</a>}
            </nav>
          )}
          <Who access={access} session={session} />
        </header>
        {openWithoutSignIn && (
          <p class="banner-danger" role="alert">
            No sign-in: everyone who can reach this server has full access, admin included
            (MMM_ALLOW_UNAUTHENTICATED=true). Set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_TEAM_ID (or
            GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and ALLOWED_EMAIL_DOMAINS) to require sign-in.
          </p>
        )}
        <main>{children}</main>
        {scripts && <script src={assets.chartJs.path} defer></script>}
        {scripts && <script src={assets.viewerJs.path} defer></script>}
      </body>
    </html>
  );
};

const Who: FC<{ access?: Access; session?: SessionData }> = ({ access, session }) => {
  if (!access) return <span class="who" />;
  if (access.kind === "share" && session?.preview)
    return (
      <span class="who badge preview" title="What the link's recipient sees">
        Preview of a share link (read only) · <a href="/share/leave-preview">Leave preview</a>
      </span>
    );
  if (access.kind === "share") return <span class="who badge">Shared link (read only)</span>;
  if (access.via === "local")
    return (
      <span class="who badge" title="No sign-in configured: this machine only">
        Local mode
      </span>
    );
  return (
    <form class="who" method="post" action="/auth/sign-out">
      <span>{access.actor.name ?? access.actor.id}</span>
      {session && <CsrfField session={session} />}
      <button type="submit" class="link">
        Sign out
      </button>
    </form>
  );
};
