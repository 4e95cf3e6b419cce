/**
 * Global middleware: every request passes the access policy (allowed channels and user groups) before any
 * listener sees it; a refused one gets a polite answer in the surface it came from and goes no further.
 */
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { AccessPolicy, AccessRequest } from "../../core/slack-access.ts";
import { refusalMessage } from "../blocks/errors.ts";
import { homeView } from "../blocks/home.ts";
import { trainStatusView } from "../blocks/train-modal.ts";

interface AnyBody {
  type?: string;
  command?: string;
  user_id?: string;
  channel_id?: string;
  channel_name?: string;
  user?: { id: string };
  channel?: { id: string; name?: string };
  view?: { id: string; type: string };
  response_url?: string;
  event?: { type?: string; user?: string; tab?: string };
}

export function accessMiddleware(policy: AccessPolicy): Middleware<AnyMiddlewareArgs> {
  return async function checkAccess(args) {
    if (policy.open) return args.next();
    const body = args.body as AnyBody;
    const request = requesterOf(body);
    if (!request) return args.next();
    const verdict = await policy.check(request);
    if (verdict.ok) return args.next();
    args.logger.info(
      `access refused to ${request.userId}${request.channel ? ` in ${request.channel.id}` : ""}`,
    );
    await refuse(args, body, verdict.reason);
  };
}

function requesterOf(body: AnyBody): AccessRequest | undefined {
  if (body.command && body.user_id) {
    return {
      userId: body.user_id,
      ...(body.channel_id
        ? { channel: { id: body.channel_id, ...(body.channel_name ? { name: body.channel_name } : {}) } }
        : {}),
    };
  }
  if (body.type === "event_callback") return body.event?.user ? { userId: body.event.user } : undefined;
  if (!body.user?.id) return undefined;
  // Actions on a message come from its channel; modals and the Home tab have none.
  return {
    userId: body.user.id,
    ...(body.type === "block_actions" && body.channel ? { channel: body.channel } : {}),
  };
}

type Ack = (response?: unknown) => Promise<void>;

async function refuse(
  args: Parameters<Middleware<AnyMiddlewareArgs>>[0],
  body: AnyBody,
  reason: string,
): Promise<void> {
  const ack = (args as { ack?: Ack }).ack;
  const message = refusalMessage(reason);
  if (body.command) {
    await ack?.({ response_type: "ephemeral", ...message });
  } else if (body.type === "view_submission") {
    await ack?.({
      response_action: "update",
      view: trainStatusView({ state: "failed", headline: "Not available to you", details: [reason] }),
    });
  } else if (body.type === "block_suggestion") {
    await ack?.({ options: [] });
  } else if (body.type === "event_callback") {
    if (body.event?.type === "app_home_opened" && body.event.user && body.event.tab !== "messages")
      await args.client.views.publish({
        user_id: body.event.user,
        view: homeView({ recentRuns: [], bests: [], link: () => "", refusal: reason }),
      });
  } else {
    await ack?.();
    if (body.response_url) {
      await fetch(body.response_url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", replace_original: false, ...message }),
      });
    } else if (body.view?.type === "modal") {
      await args.client.views.update({
        view_id: body.view.id,
        view: trainStatusView({ state: "failed", headline: "Not available to you", details: [reason] }),
      });
    }
  }
}
