/**
 * Loading a run for a page, after checking that the visitor may see it (so a share link never learns
 * whether another run exists), and the share links of a run as the pages show them.
 */
import { MmmError } from "../../common/errors.ts";
import type { Run } from "../../core/run.ts";
import type { ShareLink } from "../../core/run-store/port.ts";
import { assertModelAccess, assertRunAccess } from "../auth/access-scope.ts";
import { shareUrl } from "../auth/share-link.ts";
import type { ShownLink } from "../pages/components/share-links.tsx";
import type { ViewerContext } from "../viewer-context.ts";
import type { Access } from "../viewer-env.ts";

export async function loadRun(
  ctx: ViewerContext,
  access: Access,
  runId: string,
  solID?: string,
): Promise<Run> {
  if (solID === undefined) assertRunAccess(access, runId);
  else assertModelAccess(access, runId, solID);
  const run = await ctx.services.runs.getRun(runId);
  if (!run) {
    throw new MmmError(
      "not_found",
      `There is no run ${runId}: check the link, or find the run on the runs page.`,
      {
        context: { field: "runId" },
      },
    );
  }
  return run;
}

export function modelNotFound(run: Run, solID: string): MmmError {
  return new MmmError(
    "not_found",
    run.status === "succeeded"
      ? `Run ${run.id} has no Pareto model ${solID}: pick one from the run page.`
      : `Run ${run.id} is ${run.status}; its models exist once it has succeeded.`,
    { context: { field: "solID" } },
  );
}

export function shownLinks(ctx: ViewerContext, links: readonly ShareLink[]): ShownLink[] {
  const now = ctx.now().getTime();
  return links.map((link) => ({
    link,
    url: shareUrl(ctx.services.baseUrl, link, ctx.services.secret),
    state:
      link.revokedAt !== undefined ? "revoked" : Date.parse(link.expiresAt) <= now ? "expired" : "active",
  }));
}
