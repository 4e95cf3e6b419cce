/** The Slack user behind a request, as the `Actor` every change records. */
import type { Actor } from "../core/run.ts";

export function slackActor(user: { id: string; name?: string; username?: string }): Actor {
  const name = user.name ?? user.username;
  return { kind: "slack", id: user.id, ...(name ? { name } : {}) };
}

/** For slash commands, whose payload names the user with `user_id` and `user_name`. */
export function commandActor(command: { user_id: string; user_name?: string }): Actor {
  return slackActor({ id: command.user_id, ...(command.user_name ? { name: command.user_name } : {}) });
}
