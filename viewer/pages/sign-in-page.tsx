/** The sign-in page: a button to sign in with Slack, or, in local mode, what local mode means. */
import type { FC } from "hono/jsx";

export const SignInPage: FC<{ configured: boolean; next: string; team?: string }> = ({
  configured,
  next,
  team,
}) => (
  <section class="card narrow">
    <h1>Sign in</h1>
    {configured ? (
      <>
        <p>The viewer is for members of the Slack workspace{team ? ` ${team}` : ""}.</p>
        <p>
          <a class="button" href={`/auth/slack/login?next=${encodeURIComponent(next)}`}>
            Sign in with Slack
          </a>
        </p>
      </>
    ) : (
      <p>
        Sign-in is not configured: the viewer runs in local mode and answers only on this machine. Set
        SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_TEAM_ID to let members of your Slack workspace sign in.
      </p>
    )}
  </section>
);
