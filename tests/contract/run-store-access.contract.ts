/**
 * RunStore contract, part 5: the records that grant access to the viewer and the API, share links and
 * API tokens (see `run-store.contract.ts`). A flat list of short tests, hence its length.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ApiToken, ShareLink } from "../../core/run-store/port.ts";
import { expectMmmError } from "../support/expect-mmm-error.ts";
import { ALICE, BOB, makeRun, minutesAfter } from "./run-fixtures.ts";
import type { RunStoreHarness } from "./run-store-harness.ts";

const T0 = "2026-11-26T06:00:00.000Z";

function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function runStoreAccessContract(h: RunStoreHarness): void {
  describe("share links", () => {
    async function storedRun() {
      const run = makeRun({ status: "succeeded" });
      await h.store().createRun(run);
      return run;
    }
    function link(runId: string, overrides: Partial<ShareLink> = {}): ShareLink {
      return {
        id: "sl-1",
        runId,
        by: ALICE,
        createdAt: T0,
        expiresAt: minutesAfter(T0, 60 * 24 * 7),
        ...overrides,
      };
    }

    it("stores a link and gives it back by id and by run, newest first", async () => {
      const run = await storedRun();
      const first = await h.store().saveShareLink(link(run.id));
      const second = await h
        .store()
        .saveShareLink(link(run.id, { id: "sl-2", solID: "1_2_3", createdAt: minutesAfter(T0, 1) }));
      expect(first).toEqual(link(run.id));
      expect(await h.store().getShareLink("sl-2")).toEqual(second);
      expect((await h.store().listShareLinks(run.id)).map((l) => l.id)).toEqual(["sl-2", "sl-1"]);
      expect(await h.store().listShareLinks("another-run")).toEqual([]);
      expect(await h.store().getShareLink("nope")).toBeUndefined();
    });

    it("ignores a revocation given with a new link", async () => {
      const run = await storedRun();
      const stored = await h
        .store()
        .saveShareLink({ ...link(run.id), revokedAt: T0, revokedBy: BOB } as ShareLink);
      expect(stored.revokedAt).toBeUndefined();
      expect((await h.store().getShareLink("sl-1"))?.revokedAt).toBeUndefined();
    });

    it("revokes once, at the store's time, and keeps the first revocation", async () => {
      const run = await storedRun();
      await h.store().saveShareLink(link(run.id));
      const revoked = await h.store().revokeShareLink("sl-1", BOB);
      expect(revoked).toMatchObject({ id: "sl-1", revokedAt: h.clock.iso(), revokedBy: BOB });
      h.clock.advance(60_000);
      expect(await h.store().revokeShareLink("sl-1", ALICE)).toEqual(revoked);
      expect(await h.store().getShareLink("sl-1")).toEqual(revoked);
    });

    it("refuses a link to an unknown run, a taken id, bad times and unknown ids to revoke", async () => {
      const run = await storedRun();
      await expectMmmError(h.store().saveShareLink(link("20261126T000000Z-de-000000")), "not_found", "runId");
      await h.store().saveShareLink(link(run.id));
      await expectMmmError(h.store().saveShareLink(link(run.id)), "conflict", "id");
      await expectMmmError(
        h.store().saveShareLink(link(run.id, { id: "sl-3", expiresAt: T0 })),
        "invalid_input",
        "expiresAt",
      );
      await expectMmmError(
        h.store().saveShareLink(link(run.id, { id: "sl-4", createdAt: "yesterday" })),
        "invalid_input",
        "createdAt",
      );
      await expectMmmError(h.store().saveShareLink(link(run.id, { id: "" })), "invalid_input", "id");
      await expectMmmError(h.store().revokeShareLink("nope", BOB), "not_found", "id");
    });
  });

  describe("API tokens", () => {
    function token(overrides: Partial<ApiToken> = {}): ApiToken {
      return {
        id: "tok-1",
        label: "Looker export",
        hash: hashOf("secret-1"),
        by: ALICE,
        createdAt: T0,
        ...overrides,
      };
    }

    it("stores a token, finds it by hash and lists tokens newest first", async () => {
      const first = await h.store().saveApiToken(token());
      await h
        .store()
        .saveApiToken(token({ id: "tok-2", hash: hashOf("secret-2"), createdAt: minutesAfter(T0, 1) }));
      expect(first).toEqual(token());
      expect(await h.store().findApiToken(hashOf("secret-1"))).toEqual(first);
      expect(await h.store().findApiToken(hashOf("unknown"))).toBeUndefined();
      expect((await h.store().listApiTokens()).map((t) => t.id)).toEqual(["tok-2", "tok-1"]);
    });

    it("revokes a token and still finds it, revoked, by its hash", async () => {
      await h.store().saveApiToken(token());
      const revoked = await h.store().revokeApiToken("tok-1", BOB);
      expect(revoked).toMatchObject({ revokedAt: h.clock.iso(), revokedBy: BOB });
      h.clock.advance(1000);
      expect(await h.store().revokeApiToken("tok-1", ALICE)).toEqual(revoked);
      expect(await h.store().findApiToken(hashOf("secret-1"))).toEqual(revoked);
    });

    it("refuses a taken id or hash, a bad hash, an empty label and unknown ids to revoke", async () => {
      await h.store().saveApiToken(token());
      await expectMmmError(h.store().saveApiToken(token({ hash: hashOf("other") })), "conflict", "id");
      await expectMmmError(h.store().saveApiToken(token({ id: "tok-9" })), "conflict", "hash");
      await expectMmmError(
        h.store().saveApiToken(token({ id: "tok-3", hash: "secret-in-clear" })),
        "invalid_input",
        "hash",
      );
      await expectMmmError(
        h.store().saveApiToken(token({ id: "tok-4", hash: hashOf("x"), label: " " })),
        "invalid_input",
        "label",
      );
      await expectMmmError(h.store().revokeApiToken("nope", BOB), "not_found", "id");
      expect(await h.store().listApiTokens()).toHaveLength(1);
    });
  });
}
