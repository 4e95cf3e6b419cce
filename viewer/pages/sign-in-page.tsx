/**
 * The sign-in page: a button for each configured sign-in (Slack, Google), or, in local mode, what local
 * mode means. It names the allowed e-mail domains, which people recognise, and not the Slack workspace's
 * id (`T…`), which nobody does.
 */
import type { FC } from "hono/jsx";

export const SignInPage: FC<{ slack: boolean; google?: readonly string[]; next: string }> = ({
  slack,
  google,
  next,
}) => {
  const query = `?next=${encodeURIComponent(next)}`;
  return (
    <section class="card narrow">
      <h1>Sign in</h1>
      {slack || google ? (
        <>
          {slack && (
            <p>
              <a class="button" href={`/auth/slack/login${query}`}>
                Sign in with Slack
              </a>{" "}
              for members of the team's Slack workspace.
            </p>
          )}
          {google && (
            <p>
              <a class="button" href={`/auth/google/login${query}`}>
                Sign in with Google
              </a>{" "}
              for Google accounts of {google.join(", ")}.
            </p>
          )}
        </>
      ) : (
        <p>
          Sign-in is not configured: the viewer runs in local mode and answers only on this machine. Set
          SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_TEAM_ID to let members of your Slack workspace sign
          in, or GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and ALLOWED_EMAIL_DOMAINS for Google accounts of your
          domains.
        </p>
      )}
    </section>
  );
};
