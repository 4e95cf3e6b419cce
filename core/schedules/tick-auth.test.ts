import { describe, expect, it } from "vitest";
import { testIssuer } from "../../tests/support/google-id-token.ts";
import { tickVerifier } from "./tick-auth.ts";

const AUDIENCE = "https://mmm.example/internal/schedules/tick";
const ACCOUNT = "mmm-scheduler@proj.iam.gserviceaccount.com";

describe("Cloud Scheduler's OIDC token", () => {
  const google = testIssuer();
  const verify = tickVerifier({ audience: AUDIENCE, serviceAccount: ACCOUNT, keys: async () => google.keys });
  const good = { aud: AUDIENCE, email: ACCOUNT, email_verified: true, sub: "1" };

  it("is accepted from the scheduler's account, for this audience, from Google", async () => {
    expect(await verify(`Bearer ${google.token(good)}`)).toEqual({ ok: true, email: ACCOUNT });
  });

  it.each([
    ["another audience", { ...good, aud: "https://other.example/tick" }],
    ["another issuer", { ...good, iss: "https://evil.example" }],
    ["another account", { ...good, email: "someone@proj.iam.gserviceaccount.com" }],
    ["an unverified email", { ...good, email_verified: false }],
    ["an expired token", { ...good, iat: 1_000_000, exp: 1_000_600 }],
  ])("is refused with %s", async (_case, claims) => {
    expect((await verify(`Bearer ${google.token(claims)}`)).ok).toBe(false);
  });

  it("is refused when missing or signed by another key", async () => {
    expect(await verify(undefined)).toEqual({ ok: false, reason: "no bearer token" });
    const forger = testIssuer();
    expect((await verify(`Bearer ${forger.token(good)}`)).ok).toBe(false);
  });
});
