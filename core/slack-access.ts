/**
 * Who may use the app, and where: Slack has no per-command permissions, so the app enforces them itself,
 * from configuration. `SLACK_ALLOWED_CHANNELS` (channel ids such as C0123ABCD, or names) limits the
 * conversations it works in; `SLACK_ALLOWED_USERGROUPS` (user group ids such as S0123ABCD, or handles)
 * limits the people. Either list empty means no limit of that kind. Group membership comes from
 * `usergroups.users.list` and handles from `usergroups.list`, cached for `cacheMs`; channel names of a
 * channel picked in a modal come from `conversations.info`, cached too.
 *
 * A lookup that fails refuses (and is logged): the lists exist to keep the app private.
 *
 * The user groups are one rule for the whole product: the Slack app checks them on every request, the
 * viewer at sign-in and again every few minutes of a session (`viewer/auth/usergroup-check.ts`).
 */
import type { WebClient } from "@slack/web-api";
import type { Logger } from "./logger.ts";

export interface AccessOptions {
  allowedChannels: readonly string[];
  allowedUsergroups: readonly string[];
  client: WebClient;
  logger: Logger;
  /** How long group memberships and names are trusted. Default 5 minutes. */
  cacheMs?: number;
  now?: () => number;
}

export type AccessVerdict = { ok: true } | { ok: false; reason: string };

export interface AccessRequest {
  userId: string;
  /** The conversation the request comes from or will post to; absent for the Home tab and modals opened there. */
  channel?: { id: string; name?: string };
}

export class AccessPolicy {
  private readonly cache = new Map<string, { value: Promise<unknown>; expiresAt: number }>();
  private readonly cacheMs: number;
  private readonly now: () => number;
  private readonly channels: ReadonlySet<string>;

  constructor(private readonly options: AccessOptions) {
    this.cacheMs = options.cacheMs ?? 5 * 60 * 1000;
    this.now = options.now ?? Date.now;
    this.channels = new Set(options.allowedChannels.map(normaliseChannel));
  }

  /** True when nothing is restricted (no lookups at all). */
  get open(): boolean {
    return this.channels.size === 0 && this.options.allowedUsergroups.length === 0;
  }

  async check(request: AccessRequest): Promise<AccessVerdict> {
    if (request.channel && this.channels.size > 0 && !(await this.channelAllowed(request.channel))) {
      const where = this.options.allowedChannels.map(channelLabel).join(", ");
      return {
        ok: false,
        reason: `Sorry, MMM Trainer only works in ${where}. Please use it there (or ask an admin to add this channel).`,
      };
    }
    if (this.options.allowedUsergroups.length > 0) {
      try {
        if (!(await this.isAllowedUser(request.userId))) {
          return {
            ok: false,
            reason:
              `Sorry, MMM Trainer is open to members of ${this.options.allowedUsergroups.map(groupLabel).join(", ")}. ` +
              "Ask one of them or a workspace admin to add you.",
          };
        }
      } catch (error) {
        this.options.logger.error({ err: error, userId: request.userId }, "user group lookup failed");
        return {
          ok: false,
          reason:
            "Sorry, your access could not be checked just now (Slack did not answer). Please try again.",
        };
      }
    }
    return { ok: true };
  }

  /** The user groups people must belong to (`SLACK_ALLOWED_USERGROUPS`); empty: everyone. */
  get allowedUsergroups(): readonly string[] {
    return this.options.allowedUsergroups;
  }

  /**
   * Whether the person belongs to one of the allowed user groups (true when none is set). Throws when
   * Slack cannot say: callers refuse then, as `check` does.
   */
  async isAllowedUser(userId: string): Promise<boolean> {
    return this.options.allowedUsergroups.length === 0 || (await this.inAllowedGroup(userId));
  }

  private async channelAllowed(channel: { id: string; name?: string }): Promise<boolean> {
    if (this.channels.has(channel.id.toLowerCase())) return true;
    const name =
      channel.name ??
      (await this.cached(`channel:${channel.id}`, async () => {
        const info = await this.options.client.conversations.info({ channel: channel.id });
        return info.channel?.name;
      }).catch(() => undefined));
    return typeof name === "string" && this.channels.has(normaliseChannel(name));
  }

  private async inAllowedGroup(userId: string): Promise<boolean> {
    for (const group of this.options.allowedUsergroups) {
      const id = await this.groupId(group);
      if (!id) continue;
      const members = await this.cached(`members:${id}`, async () => {
        const result = await this.options.client.usergroups.users.list({ usergroup: id });
        return new Set(result.users ?? []);
      });
      if (members.has(userId)) return true;
    }
    return false;
  }

  /** `S0123ABCD` as it is; a handle (`mmm-users`, `@mmm-users`) looked up among the workspace's groups. */
  private async groupId(group: string): Promise<string | undefined> {
    if (/^S[A-Z0-9]+$/.test(group)) return group;
    const handle = group.replace(/^@/, "").toLowerCase();
    const groups = await this.cached("usergroups", async () => {
      const result = await this.options.client.usergroups.list({});
      return new Map((result.usergroups ?? []).map((g) => [String(g.handle).toLowerCase(), String(g.id)]));
    });
    return groups.get(handle);
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value as Promise<T>;
    const value = load();
    this.cache.set(key, { value, expiresAt: this.now() + this.cacheMs });
    value.catch(() => this.cache.delete(key));
    return value;
  }
}

function normaliseChannel(channel: string): string {
  return channel.trim().replace(/^#/, "").toLowerCase();
}

function channelLabel(channel: string): string {
  return /^[CG][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : `#${channel.replace(/^#/, "")}`;
}

function groupLabel(group: string): string {
  return /^S[A-Z0-9]+$/.test(group) ? `<!subteam^${group}>` : `@${group.replace(/^@/, "")}`;
}
