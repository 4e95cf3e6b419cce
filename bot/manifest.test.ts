import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { authorizeUrl } from "../viewer/auth/slack-sign-in.ts";
import { COMMAND } from "./blocks/ids.ts";

const manifest = readFileSync(join(import.meta.dirname, "manifest.yaml"), "utf8");

describe("manifest.yaml", () => {
  it("declares the command, and sends commands, interactions, options and events to /slack/events", () => {
    expect(manifest).toContain(`- command: ${COMMAND}\n`);
    const urls = [...manifest.matchAll(/(?:url|request_url|message_menu_options_url): (\S+)/g)].map(
      (m) => m[1],
    );
    expect(urls).toHaveLength(4);
    expect(new Set(urls)).toEqual(new Set(["https://mmm.example.com/slack/events"]));
    const events = /bot_events:\n((?:\s+(?:#.*|- \S+)\n)+)/.exec(manifest)?.[1] ?? "";
    expect([...events.matchAll(/- (\S+)/g)].map((m) => m[1])).toEqual(["app_home_opened", "file_shared"]);
    // People share data files in the app's DM, so the messages tab takes messages.
    expect(manifest).toMatch(/messages_tab_read_only_enabled: false/);
    expect(manifest).toMatch(/home_tab_enabled: true/);
  });

  it("asks for the scopes the app's Web API calls need, and no others", () => {
    const scopes = [...manifest.matchAll(/^\s+- ([a-z_.]+:[a-z_.]+|commands)$/gm)].map((m) => m[1]).sort();
    expect(scopes).toEqual([
      "channels:read",
      "chat:write",
      "chat:write.public",
      "commands",
      "files:read",
      "files:write",
      "groups:read",
      "im:write",
      "usergroups:read",
      "users:read",
    ]);
  });

  it("lets the viewer sign people in: the user scopes it asks for and its callback URL", () => {
    const url = new URL(
      authorizeUrl(
        {
          clientId: "1.2",
          clientSecret: "s",
          teamId: "T0",
          redirectUri: "https://mmm.example.com/auth/slack/callback",
        },
        "state",
        "nonce",
      ),
    );
    const asked = url.searchParams.get("scope")!.split(" ").sort();
    const user = /^ {4}user:\n((?: {6}- \S+\n)+)/m.exec(manifest)?.[1] ?? "";
    expect([...user.matchAll(/- (\S+)/g)].map((m) => m[1]).sort()).toEqual(asked);
    expect(manifest).toMatch(/redirect_urls:\n\s+- https:\/\/mmm\.example\.com\/auth\/slack\/callback\n/);
  });
});
