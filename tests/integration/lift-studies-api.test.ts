/**
 * Lift studies over the REST API through the real server (`startApp`: Hono on a port, SQLite): added as
 * objects or CSV, listed in the store's order, skipped when the country already has them (as Slack does),
 * edited under their id and removed; bad studies are refused with the words Slack's check uses, naming
 * the field, with nothing stored. What the API saves is what Slack's `/mmm lift` and the next runs read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLiftStudy } from "../../core/calibration/lift-study.ts";
import { isMmmError } from "../../common/errors.ts";
import { startLocalApp, type LocalApp } from "../support/local-app.ts";

const TOKEN = "lift-study-test-token-0123456789abcdef";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the envelope's data differs per answer
type ApiBody = { status: string; message: string; data: any };

let local: LocalApp;
beforeAll(async () => {
  local = await startLocalApp("mmm-lift-api-", { MMM_API_TOKENS: TOKEN });
});
afterAll(async () => {
  await local?.stop();
});

async function api(path: string, method = "GET", body?: unknown): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${local.app.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

const TV = {
  channel: "tv_S",
  liftStartDate: "2018-05-07",
  liftEndDate: "2018-06-03",
  liftAbs: 400000,
  spend: 250000,
};
const SEARCH = {
  channel: "search_S",
  liftStartDate: "2018-03-05",
  liftEndDate: "2018-03-25",
  liftAbs: 90000,
  spend: 40000,
  confidence: 0.8,
};

/** The message Slack's form would show for the same study. */
function slackMessage(study: unknown): string {
  try {
    checkLiftStudy(study);
  } catch (error) {
    if (isMmmError(error)) return error.message;
    throw error;
  }
  throw new Error("the study passed the check");
}

describe("lift studies over the REST API", () => {
  it("adds, lists, skips repeats, edits and removes a country's studies", async () => {
    const added = await api("/lift-studies/de", "POST", { studies: [TV, SEARCH] });
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({ country: "DE", skipped: 0 });
    expect(added.body.data.saved).toHaveLength(2);
    // The defaults are filled in as for a study typed in Slack.
    expect(added.body.data.saved[0].study).toEqual({
      ...TV,
      confidence: 0.9,
      calibration_scope: "immediate",
    });
    expect(added.body.data.saved[0].by.id).toBeTruthy();

    const listed = await api("/lift-studies/DE");
    expect(listed.status).toBe(200);
    expect(listed.body.data.studies.map((s: { study: { channel: string } }) => s.study.channel)).toEqual([
      "search_S",
      "tv_S",
    ]);
    // The store Slack and the next runs read holds the same studies.
    const stored = await local.app.services.runs.listLiftStudies("de");
    expect(stored.map((s) => s.id)).toEqual(listed.body.data.studies.map((s: { id: string }) => s.id));

    const again = await api("/lift-studies/DE", "POST", {
      csv: "channel,liftStartDate,liftEndDate,liftAbs,spend\ntv_S,2018-05-07,2018-06-03,400000,250000\nooh_S,2018-07-02,2018-07-29,30000,20000",
    });
    expect(again.status).toBe(201);
    expect(again.body.data.skipped).toBe(1);
    expect(again.body.data.saved.map((s: { study: { channel: string } }) => s.study.channel)).toEqual([
      "ooh_S",
    ]);
    expect(again.body.message).toMatch(/1 lift study saved for DE; 1 was already there/);

    const tvId = stored.find((s) => s.study.channel === "tv_S")!.id;
    const edited = await api(`/lift-studies/DE/${tvId}`, "PUT", { study: { ...TV, liftAbs: 450000 } });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ id: tvId, country: "DE", study: { liftAbs: 450000 } });
    const afterEdit = (await api("/lift-studies/DE")).body.data.studies;
    expect(afterEdit).toHaveLength(3);
    expect(afterEdit.find((s: { id: string }) => s.id === tvId).study.liftAbs).toBe(450000);

    const removed = await api(`/lift-studies/DE/${tvId}`, "DELETE", {});
    expect(removed.status).toBe(200);
    expect(removed.body.data.id).toBe(tvId);
    expect((await api("/lift-studies/DE")).body.data.studies).toHaveLength(2);
    const gone = await api(`/lift-studies/DE/${tvId}`, "DELETE", {});
    expect(gone.status).toBe(404);
    expect(gone.body.data.field).toBe("id");
    expect((await api("/lift-studies/FR")).body.data.studies).toEqual([]);
  });

  it("refuses a bad study in Slack's words, naming the field, and stores nothing", async () => {
    const backwards = { ...TV, liftStartDate: "2018-06-03", liftEndDate: "2018-05-07" };
    const bad = await api("/lift-studies/NL", "POST", { studies: [SEARCH, backwards] });
    expect(bad.status).toBe(422);
    expect(bad.body.data.field).toBe("studies.1.liftEndDate");
    expect(bad.body.message).toBe(slackMessage(backwards));

    const missing = { ...SEARCH, spend: undefined };
    const noSpend = await api("/lift-studies/NL/abc", "PUT", { study: missing });
    expect(noSpend.status).toBe(422);
    expect(noSpend.body.data.field).toBe("study.spend");
    expect(noSpend.body.message).toBe(slackMessage(missing));

    const csv = await api("/lift-studies/NL", "POST", { csv: "tv_S,2018-02-30,2018-03-10,100,50" });
    expect(csv.status).toBe(422);
    expect(csv.body.data.field).toBe("csv");
    expect(csv.body.message).toBe(
      "Line 1: Lift study field liftStartDate: 2018-02-30 is not a calendar date.",
    );

    const both = await api("/lift-studies/NL", "POST", { studies: [SEARCH], csv: "x" });
    expect(both.status).toBe(422);
    expect((await api("/lift-studies/NL", "POST", { studies: [] })).status).toBe(422);
    expect((await api("/lift-studies/N1")).status).toBe(400);
    expect((await api("/lift-studies/NL")).body.data.studies).toEqual([]);
  });

  it("takes writes as JSON only", async () => {
    const response = await fetch(`${local.app.url}/api/lift-studies/DE`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/plain" },
      body: JSON.stringify({ studies: [TV] }),
    });
    expect(response.status).toBe(415);
  });
});
