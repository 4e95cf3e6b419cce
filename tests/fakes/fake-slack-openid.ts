/**
 * Test support: a loopback fake of the parts of Slack's Web API that sign-in uses
 * (`openid.connect.token`, `openid.connect.userInfo`, `users.info`, and `usergroups.list` with
 * `usergroups.users.list` for `SLACK_ALLOWED_USERGROUPS`), so the real clients are exercised over HTTP. A test registers a code with the nonce the app sent to Slack and the person it
 * signs in; the fake answers like Slack, including its errors.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakePerson {
  readonly user: string;
  readonly team: string;
  readonly name: string;
  readonly admin?: boolean;
}

export interface FakeSlack {
  /** Base URL to put in SLACK_API_URL. */
  readonly apiUrl: string;
  /** Makes `code` sign in `person`, answering the nonce the app sent (from the authorize URL). */
  grant(code: string, nonce: string, person: FakePerson, options?: { audience?: string }): void;
  /** Sets a user group (`S…` id, handle) and its members, as Slack would list them. */
  setGroup(id: string, handle: string, users: readonly string[]): void;
  /** Requests received, for assertions (method name and form or query fields). */
  readonly calls: { method: string; fields: Record<string, string>; authorization?: string }[];
  close(): Promise<void>;
}

export async function fakeSlack(
  clientId: string,
  clientSecret: string,
  botToken: string,
): Promise<FakeSlack> {
  const grants = new Map<string, { nonce: string; person: FakePerson; audience: string }>();
  const tokens = new Map<string, FakePerson>();
  const calls: FakeSlack["calls"] = [];
  const groups = new Map<string, { handle: string; users: readonly string[] }>();
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const method = url.pathname.replace(/^\/api\//, "");
      const fields = Object.fromEntries(new URLSearchParams(body || url.search));
      const authorization = req.headers.authorization;
      calls.push({ method, fields, ...(authorization ? { authorization } : {}) });
      const send = (payload: object) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      if (method === "openid.connect.token") {
        const grant = grants.get(fields.code ?? "");
        if (fields.client_id !== clientId || fields.client_secret !== clientSecret)
          return send({ ok: false, error: "invalid_client" });
        if (!grant) return send({ ok: false, error: "invalid_code" });
        grants.delete(fields.code!);
        const access = `xoxp-${Math.random().toString(36).slice(2)}`;
        tokens.set(access, grant.person);
        const claims = {
          iss: "https://slack.com",
          aud: grant.audience,
          sub: grant.person.user,
          nonce: grant.nonce,
          "https://slack.com/team_id": grant.person.team,
        };
        const jwt = [{ alg: "RS256" }, claims, "signature"]
          .map((part) => Buffer.from(JSON.stringify(part)).toString("base64url"))
          .join(".");
        return send({ ok: true, access_token: access, token_type: "Bearer", id_token: jwt });
      }
      if (method === "openid.connect.userInfo") {
        const person = tokens.get((authorization ?? "").replace(/^Bearer /, ""));
        if (!person) return send({ ok: false, error: "invalid_auth" });
        return send({
          ok: true,
          sub: person.user,
          "https://slack.com/user_id": person.user,
          "https://slack.com/team_id": person.team,
          name: person.name,
        });
      }
      if (method === "users.info") {
        if (authorization !== `Bearer ${botToken}`) return send({ ok: false, error: "invalid_auth" });
        const person = [...tokens.values()].find((p) => p.user === url.searchParams.get("user"));
        return send(
          person
            ? { ok: true, user: { id: person.user, is_admin: person.admin === true, is_owner: false } }
            : { ok: false, error: "user_not_found" },
        );
      }
      if (method === "usergroups.list" || method === "usergroups.users.list") {
        if (authorization !== `Bearer ${botToken}`) return send({ ok: false, error: "invalid_auth" });
        if (method === "usergroups.list") {
          return send({ ok: true, usergroups: [...groups].map(([id, g]) => ({ id, handle: g.handle })) });
        }
        const group = groups.get(fields.usergroup ?? "");
        return send(group ? { ok: true, users: group.users } : { ok: false, error: "no_such_subteam" });
      }
      send({ ok: false, error: "unknown_method" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    setGroup(id, handle, users) {
      groups.set(id, { handle, users });
    },
    grant(code, nonce, person, options = {}) {
      grants.set(code, { nonce, person, audience: options.audience ?? clientId });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
