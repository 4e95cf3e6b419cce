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

/** `preview`: the refusal is what a share link's recipient sees, shown to its sharer, who may leave. */
export const ErrorPage: FC<{ status: number; message: string; signIn: boolean; preview?: boolean }> = ({
  status,
  message,
  signIn,
  preview,
}) => (
  <section class="card error">
    <h1>{errorTitle(status)}</h1>
    <p>{message}</p>
    <p>
      {preview ? (
        <>
          This is what the share link's recipient sees. <a href="/share/leave-preview">Leave the preview</a>
        </>
      ) : status === 401 && signIn ? (
        <a href="/auth/sign-in">Sign in</a>
      ) : (
        <a href="/runs">Back to the runs</a>
      )}
    </p>
  </section>
);
