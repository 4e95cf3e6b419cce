/**
 * `/api/lift-studies/:cc`: the lift studies remembered for a country, the same ones Slack's `/mmm lift`
 * lists, adds, edits and removes; the country's next runs calibrate with them. List them, add studies
 * (objects or CSV; one the country already has, field for field, is skipped as in Slack), save one under
 * its id (an edit, or a new study under an id of the caller's choice), and remove one. Every study is
 * checked by the rule Slack uses (`core/calibration/lift-study.ts`), so the errors read the same.
 */
import { Hono } from "hono";
import { MmmError } from "../../common/errors.ts";
import { checkLiftStudy } from "../../core/calibration/lift-study.ts";
import { parseLiftStudyCsv } from "../../core/calibration/lift-study-csv.ts";
import { saveLiftStudies } from "../../core/calibration/save-lift-studies.ts";
import { countryCode } from "../../core/run-store/country-code.ts";
import type { ApiEnv } from "../auth/api-auth.ts";
import { CountryParams } from "../api/api-schemas.ts";
import { success } from "../api/envelope.ts";
import { jsonBody } from "../api/json-body.ts";
import { AddLiftStudiesBody, LiftStudyParams, SaveLiftStudyBody } from "../api/lift-study-schemas.ts";
import { validate } from "../api/validate.ts";
import type { ViewerContext } from "../viewer-context.ts";

export function liftStudyApiRoutes(ctx: ViewerContext): Hono<ApiEnv> {
  const { runs } = ctx.services;
  const app = new Hono<ApiEnv>();

  app.get("/:cc", async (c) => {
    const country = countryCode(validate(CountryParams, c.req.param(), "path").cc);
    return success(c, { country, studies: await runs.listLiftStudies(country) });
  });

  app.post("/:cc", async (c) => {
    const country = countryCode(validate(CountryParams, c.req.param(), "path").cc);
    const body = validate(AddLiftStudiesBody, await jsonBody(c.req, "lift studies"), "body");
    const studies =
      "csv" in body
        ? parseLiftStudyCsv(body.csv)
        : body.studies.map((study, i) => checkLiftStudy(study, `studies.${i}.`));
    const saved = await saveLiftStudies(runs, country, studies, c.get("actor"));
    const skipped = studies.length - saved.length;
    return success(
      c,
      { country, saved, skipped },
      `${saved.length} lift ${saved.length === 1 ? "study" : "studies"} saved for ${country}` +
        (skipped > 0 ? `; ${skipped} ${skipped === 1 ? "was" : "were"} already there.` : "."),
      201,
    );
  });

  app.put("/:cc/:id", async (c) => {
    const { cc, id } = validate(LiftStudyParams, c.req.param(), "path");
    const country = countryCode(cc);
    const body = validate(SaveLiftStudyBody, await jsonBody(c.req, "a lift study"), "body");
    const study = checkLiftStudy(body.study, "study.");
    const [saved] = await saveLiftStudies(runs, country, [study], c.get("actor"), id);
    return success(c, saved!, `Lift study ${id} saved for ${country}.`);
  });

  app.delete("/:cc/:id", async (c) => {
    const { cc, id } = validate(LiftStudyParams, c.req.param(), "path");
    const country = countryCode(cc);
    const removed = await runs.deleteLiftStudy(country, id);
    if (!removed)
      throw new MmmError(
        "not_found",
        `${country} has no lift study ${id}: see GET /api/lift-studies/${country}.`,
        {
          context: { field: "id", location: "path" },
        },
      );
    return success(c, removed, `Lift study ${id} removed from ${country}.`);
  });

  return app;
}
