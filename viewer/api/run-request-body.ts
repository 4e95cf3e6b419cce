/**
 * The body of `POST /api/runs` as a `RunRequest` for `services.lifecycle.start`. Two forms:
 *
 * 1. A RunSpec (Robyn's field names), plus optional `countries` (one run per country) or `markets` (one
 *    run per value of the data's market column, the spec's `country` their holidays) and `tag`.
 * 2. `{ table, country | countries, mapping: "saved", overrides }`: the column mapping saved for the
 *    table (for that country, else table-wide) laid over a fresh suggestion for the table's columns
 *    (`applySavedMapping`), then the overrides (any RunSpec fields).
 * 3. A RunSpec without its mapping and `data: { preparation: NAME }`: the saved preparation sets the
 *    country and the mapping (`specFromPreparation`); the lifecycle reads the data through it.
 *
 * The spec is checked here for every country before anything starts, so a bad body never claims the
 * idempotency key; the lifecycle then checks the data.
 */
import { MmmError, invalidInput } from "../../common/errors.ts";
import type { RunRequest } from "../../core/lifecycle/run-lifecycle.ts";
import { suggestMapping } from "../../core/mapping/auto-map.ts";
import { applySavedMapping, type SavedMapping } from "../../core/mapping/saved-mapping.ts";
import type { Actor } from "../../core/run.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import { marketSpecs } from "../../core/lifecycle/market-specs.ts";
import type { RunStore } from "../../core/run-store/port.ts";
import type { Warehouse } from "../../core/warehouse/port.ts";
import type { Preparations } from "../../core/preparations/preparations.ts";
import { preparationNameOf, specFromPreparation } from "../../core/preparations/preparation-spec.ts";
import { SavedMappingRunBody, StartFields } from "./api-schemas.ts";
import { validate } from "./validate.ts";

type SpecInput = RunRequest["spec"];

export async function runRequestFromBody(
  body: unknown,
  deps: {
    runs: Pick<RunStore, "getMapping">;
    warehouse: Pick<Warehouse, "preview">;
    preparations: Pick<Preparations, "get">;
  },
  actor: Actor,
  idempotencyKey: string | undefined,
): Promise<RunRequest> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalidInput(
      "body",
      'Send a JSON object: a RunSpec, or { table, country, mapping: "saved", overrides }.',
      {
        location: "json",
      },
    );
  }
  let spec: SpecInput;
  let countries: string[] | undefined;
  let markets: string[] | undefined;
  let tag: string | undefined;
  if ("mapping" in body) {
    const request = validate(SavedMappingRunBody, body, "body");
    countries = request.countries ?? [request.country!];
    tag = request.tag;
    spec = await specFromSavedMapping(request.table, countries, request.overrides ?? {}, deps);
  } else {
    const { countries: listed, markets: named, tag: label, ...rest } = body as Record<string, unknown>;
    const fields = validate(StartFields, { countries: listed, markets: named, tag: label }, "body");
    countries = fields.countries;
    markets = fields.markets;
    tag = fields.tag;
    spec = rest as SpecInput;
    const preparation = preparationNameOf(spec);
    if (preparation !== undefined) {
      spec = specFromPreparation(spec, await deps.preparations.get(preparation, "data.preparation"));
    }
  }
  for (const target of marketSpecs({
    spec,
    ...(countries ? { countries } : {}),
    ...(markets ? { markets } : {}),
  }))
    parseRunSpec(target.spec);
  return {
    spec,
    ...(countries ? { countries } : {}),
    ...(markets ? { markets } : {}),
    ...(tag ? { tag } : {}),
    actor,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  };
}

async function specFromSavedMapping(
  table: string,
  countries: readonly string[],
  overrides: Record<string, unknown>,
  deps: { runs: Pick<RunStore, "getMapping">; warehouse: Pick<Warehouse, "preview"> },
): Promise<SpecInput> {
  const preview = await deps.warehouse.preview(table, 200);
  const fresh = suggestMapping(preview);
  const specs = await Promise.all(
    countries.map(async (country) => {
      const stored = await deps.runs.getMapping(table, country);
      if (!stored) {
        throw invalidInput(
          "mapping",
          `No column mapping is saved for ${table} (${country.toUpperCase()} or table-wide): save one from Slack (/mmm) first, or send a full RunSpec.`,
        );
      }
      const applied = applySavedMapping(fresh, stored.mapping as unknown as SavedMapping);
      const s = applied.spec;
      return JSON.stringify({
        data: { table, ...(applied.country_column ? { country_column: applied.country_column } : {}) },
        ...(s.date_var ? { date_var: s.date_var } : {}),
        ...(s.dep_var ? { dep_var: s.dep_var } : {}),
        ...(s.dep_var_type ? { dep_var_type: s.dep_var_type } : {}),
        paid_media_spends: s.paid_media_spends,
        paid_media_vars: s.paid_media_vars,
        organic_vars: s.organic_vars,
        context_vars: s.context_vars,
        factor_vars: s.factor_vars,
        ...overrides,
      });
    }),
  );
  if (new Set(specs).size > 1) {
    throw new MmmError(
      "invalid_input",
      "These countries have different saved mappings for the table: start one request per country.",
      { context: { field: "countries" } },
    );
  }
  const spec = JSON.parse(specs[0]!) as SpecInput;
  delete (spec as { country?: string }).country;
  return spec;
}
