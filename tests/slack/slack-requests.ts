/**
 * Requests as Slack sends them to `/slack/events`: slash commands (form fields), interactions (a `payload`
 * form field holding JSON) and events (JSON), signed with HMAC-SHA256 `v0` over `v0:<timestamp>:<body>` like
 * Slack signs them (https://api.slack.com/authentication/verifying-requests-from-slack), or deliberately not.
 */
import { createHmac, randomBytes } from "node:crypto";

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";

export interface SendOptions {
  /** Seconds since the epoch written in the timestamp header (default now). */
  timestamp?: number;
  /** Replace the computed signature (forgeries). */
  signature?: string;
  secret?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface SlackRequest {
  body: string;
  contentType: string;
}

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export async function send(url: string, request: SlackRequest, options: SendOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": request.contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? sign(request.body, timestamp, options.secret),
      ...(options.retryNum !== undefined ? { "x-slack-retry-num": String(options.retryNum) } : {}),
      ...(options.retryReason ? { "x-slack-retry-reason": options.retryReason } : {}),
    },
    body: request.body,
  });
}

export const TEAM = { id: "T0FAKE", domain: "fake" };
export const USER = { id: "U0ALICE", name: "alice", username: "alice", team_id: TEAM.id };
export const CHANNEL = { id: "C0MMM", name: "mmm" };

export function triggerId(): string {
  return `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(8).toString("hex")}`;
}

export function slashCommand(
  text: string,
  options: { responseUrl: string; user?: typeof USER; channel?: typeof CHANNEL; triggerId?: string },
): SlackRequest {
  const user = options.user ?? USER;
  const channel = options.channel ?? CHANNEL;
  const fields = new URLSearchParams({
    token: "legacy-verification-token",
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: channel.id,
    channel_name: channel.name,
    user_id: user.id,
    user_name: user.name,
    command: "/mmm",
    text,
    api_app_id: "A0MMM",
    is_enterprise_install: "false",
    response_url: options.responseUrl,
    trigger_id: options.triggerId ?? triggerId(),
  });
  return { body: fields.toString(), contentType: "application/x-www-form-urlencoded" };
}

export function interaction(payload: Record<string, unknown>): SlackRequest {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: "application/x-www-form-urlencoded",
  };
}

export function event(
  inner: Record<string, unknown>,
  eventId = `Ev${randomBytes(5).toString("hex")}`,
): SlackRequest {
  return {
    body: JSON.stringify({
      token: "legacy-verification-token",
      team_id: TEAM.id,
      api_app_id: "A0MMM",
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event: inner,
    }),
    contentType: "application/json",
  };
}

/** A value as Slack reports it in `view.state.values[block][action]`. */
export type StateValue = Record<string, unknown> & { type: string };

export const state = {
  text: (value: string): StateValue => ({ type: "plain_text_input", value }),
  number: (value: string): StateValue => ({ type: "number_input", value }),
  select: (value: string, text = value): StateValue => ({
    type: "static_select",
    selected_option: { text: { type: "plain_text", text }, value },
  }),
  external: (value: string, text = value): StateValue => ({
    type: "external_select",
    selected_option: { text: { type: "plain_text", text }, value },
  }),
  multi: (values: string[]): StateValue => ({
    type: "multi_static_select",
    selected_options: values.map((value) => ({ text: { type: "plain_text", text: value }, value })),
  }),
  radio: (value: string): StateValue => ({
    type: "radio_buttons",
    selected_option: { text: { type: "plain_text", text: value }, value },
  }),
  checkboxes: (values: string[]): StateValue => ({
    type: "checkboxes",
    selected_options: values.map((value) => ({ text: { type: "plain_text", text: value }, value })),
  }),
  date: (value: string | null): StateValue => ({ type: "datepicker", selected_date: value }),
  conversation: (value: string): StateValue => ({
    type: "conversations_select",
    selected_conversation: value,
  }),
};

/** `state.values` of a view: every input block of `view`, with the given values (others empty). */
export function stateOf(
  view: Record<string, unknown>,
  values: Record<string, StateValue>,
): Record<string, Record<string, StateValue>> {
  const out: Record<string, Record<string, StateValue>> = {};
  for (const block of (view.blocks as Record<string, unknown>[]) ?? []) {
    if (block.type !== "input") continue;
    const element = block.element as { type: string; action_id: string };
    const id = block.block_id as string;
    out[id] = { [element.action_id]: values[id] ?? { type: element.type, value: null } };
  }
  return out;
}

export function viewSubmission(
  view: { id: string; hash: string; view: Record<string, unknown> },
  values: Record<string, StateValue>,
  options: { user?: typeof USER; triggerId?: string } = {},
): SlackRequest {
  return interaction({
    type: "view_submission",
    team: TEAM,
    user: options.user ?? USER,
    api_app_id: "A0MMM",
    token: "legacy-verification-token",
    trigger_id: options.triggerId ?? triggerId(),
    view: {
      ...view.view,
      id: view.id,
      hash: view.hash,
      team_id: TEAM.id,
      app_id: "A0MMM",
      bot_id: "B0BOT",
      private_metadata: view.view.private_metadata ?? "",
      state: { values: stateOf(view.view, values) },
    },
    response_urls: [],
  });
}

export function blockActions(options: {
  actionId: string;
  blockId?: string;
  value?: string;
  selected?: { value: string; text?: string };
  actionType?: string;
  view?: { id: string; hash: string; view: Record<string, unknown> };
  values?: Record<string, StateValue>;
  channel?: typeof CHANNEL;
  message?: { ts: string; thread_ts?: string };
  responseUrl?: string;
  user?: typeof USER;
}): SlackRequest {
  const action = {
    action_id: options.actionId,
    block_id: options.blockId ?? "b",
    type: options.actionType ?? (options.selected ? "external_select" : "button"),
    action_ts: String(Date.now() / 1000),
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.selected
      ? {
          selected_option: {
            text: { type: "plain_text", text: options.selected.text ?? options.selected.value },
            value: options.selected.value,
          },
        }
      : {}),
  };
  return interaction({
    type: "block_actions",
    team: TEAM,
    user: options.user ?? USER,
    api_app_id: "A0MMM",
    token: "legacy-verification-token",
    trigger_id: triggerId(),
    container: options.view
      ? { type: "view", view_id: options.view.id }
      : { type: "message", message_ts: options.message?.ts, channel_id: options.channel?.id },
    ...(options.channel ? { channel: options.channel } : {}),
    ...(options.message ? { message: { type: "message", ...options.message } } : {}),
    ...(options.view
      ? {
          view: {
            ...options.view.view,
            id: options.view.id,
            hash: options.view.hash,
            state: { values: stateOf(options.view.view, options.values ?? {}) },
          },
        }
      : {}),
    ...(options.responseUrl ? { response_url: options.responseUrl } : {}),
    actions: [action],
  });
}

export function blockSuggestion(options: {
  actionId: string;
  blockId: string;
  value: string;
  view?: { id: string; view: Record<string, unknown> };
  user?: typeof USER;
}): SlackRequest {
  return interaction({
    type: "block_suggestion",
    team: TEAM,
    user: options.user ?? USER,
    api_app_id: "A0MMM",
    token: "legacy-verification-token",
    action_id: options.actionId,
    block_id: options.blockId,
    value: options.value,
    container: { type: "view", view_id: options.view?.id ?? "V0" },
    ...(options.view ? { view: { ...options.view.view, id: options.view.id, state: { values: {} } } } : {}),
  });
}
