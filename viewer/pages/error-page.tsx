/** The page for anything that went wrong: what happened, in the error's own words, and where to go. */
import type { FC } from "hono/jsx";

const TITLES: Record<number, string> = {
  400: "That request is not valid",
  401: "Please sign in",
  403: "Not allowed",
  404: "Not found",
  409: "Not possible now",
  422: "That request is not valid",
  503: "Try again in a moment",
};

export function errorTitle(status: number): string {
  return TITLES[status] ?? "Something went wrong";
}

export const ErrorPage: FC<{ status: number; message: string; signIn: boolean }> = ({
  status,
  message,
  signIn,
}) => (
  <section class="card error">
    <h1>{errorTitle(status)}</h1>
    <p>{message}</p>
    <p>
      {status === 401 && signIn ? <a href="/auth/sign-in">Sign in</a> : <a href="/runs">Back to the runs</a>}
    </p>
  </section>
);
