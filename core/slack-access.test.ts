import type { WebClient } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";
import { AccessPolicy } from "./slack-access.ts";

const logger = createLogger("silent");

function client(
  options: {
    members?: Record<string, string[]>;
    handles?: Record<string, string>;
    names?: Record<string, string>;
    fail?: boolean;
  } = {},
) {
  const calls: string[] = [];
  const fake = {
    usergroups: {
      users: {
        list: async ({ usergroup }: { usergroup: string }) => {
          calls.push(`usergroups.users.list ${usergroup}`);
          if (options.fail) throw new Error("missing_scope");
          return { ok: true, users: options.members?.[usergroup] ?? [] };
        },
      },
      list: async () => {
        calls.push("usergroups.list");
        return {
          ok: true,
          usergroups: Object.entries(options.handles ?? {}).map(([handle, id]) => ({ handle, id })),
        };
      },
    },
    conversations: {
      info: async ({ channel }: { channel: string }) => {
        calls.push(`conversations.info ${channel}`);
        return { ok: true, channel: { id: channel, name: options.names?.[channel] } };
      },
    },
  };
  return { client: fake as unknown as WebClient, calls };
}

describe("AccessPolicy", () => {
  it("lets everyone in everywhere when nothing is configured, without asking Slack", async () => {
    const { client: c, calls } = client();
    const policy = new AccessPolicy({ allowedChannels: [], allowedUsergroups: [], client: c, logger });
    expect(policy.open).toBe(true);
    expect(await policy.check({ userId: "U1", channel: { id: "C9" } })).toEqual({ ok: true });
    expect(calls).toEqual([]);
  });

  it("allows listed channels by id or name and refuses the others politely", async () => {
    const { client: c } = client({ names: { C2: "marketing" } });
    const policy = new AccessPolicy({
      allowedChannels: ["C0MMM", "#marketing"],
      allowedUsergroups: [],
      client: c,
      logger,
    });
    expect(await policy.check({ userId: "U1", channel: { id: "C0MMM" } })).toEqual({ ok: true });
    expect(await policy.check({ userId: "U1", channel: { id: "C7", name: "marketing" } })).toEqual({
      ok: true,
    });
    expect(await policy.check({ userId: "U1", channel: { id: "C2" } })).toEqual({ ok: true });
    expect(await policy.check({ userId: "U1", channel: { id: "C3" } })).toEqual({
      ok: false,
      reason:
        "Sorry, MMM Trainer only works in <#C0MMM>, #marketing. Please use it there (or ask an admin to add this channel).",
    });
    // The Home tab and modals have no channel: only people are checked there.
    expect(await policy.check({ userId: "U1" })).toEqual({ ok: true });
  });

  it("checks user groups by id or handle, caching memberships", async () => {
    const { client: c, calls } = client({
      members: { S1: ["U1"], S2: ["U2"] },
      handles: { "mmm-users": "S2" },
    });
    const policy = new AccessPolicy({
      allowedChannels: [],
      allowedUsergroups: ["S1", "@mmm-users"],
      client: c,
      logger,
    });
    expect(await policy.check({ userId: "U1" })).toEqual({ ok: true });
    expect(await policy.check({ userId: "U2" })).toEqual({ ok: true });
    expect(await policy.check({ userId: "U3" })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Sorry, MMM Trainer is open to members of <!subteam\^S1>, @mmm-users/),
    });
    expect(await policy.check({ userId: "U2" })).toEqual({ ok: true });
    expect(calls).toEqual(["usergroups.users.list S1", "usergroups.list", "usergroups.users.list S2"]);
  });

  it("refuses when membership cannot be checked", async () => {
    const { client: c } = client({ fail: true });
    const policy = new AccessPolicy({ allowedChannels: [], allowedUsergroups: ["S1"], client: c, logger });
    expect(await policy.check({ userId: "U1" })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/could not be checked/),
    });
  });
});
