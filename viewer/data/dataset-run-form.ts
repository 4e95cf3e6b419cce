/**
 * The viewer's "New run" form for a dataset, in three steps of one plain HTML form: the source (the
 * dataset version and the country the run is for), the mapping (a role per column, prefilled from the
 * auto-mapping) and the settings (goal type, budget of the search, window, adstock, tag).
 *
 * `formFromSuggestion` fills the form from the auto-mapping; `runBodyFromForm` turns what was posted into
 * the body `POST /api/runs` takes, so the viewer starts runs through the same checks as the API. A form
 * that cannot become a body is refused with `invalid_input` naming its input (`role:<column>`, `country`,
 * …), which the page shows beside that input with everything as it was typed.
 */
import { invalidInput } from "../../common/errors.ts";
import type { MappingRole, MappingSuggestion } from "../../core/mapping/mapping-suggestion.ts";

/** The roles a person may give a column here (an exposure is offered only where one was paired). */
export const FORM_ROLES: readonly MappingRole[] = [
  "date",
  "dep_var",
  "paid_media_spend",
  "paid_media_var",
  "organic",
  "context",
  "factor",
  "country",
  "ignore",
];

export const ROLE_LABELS: Readonly<Record<MappingRole, string>> = {
  date: "Date",
  dep_var: "Goal (revenue or conversions)",
  paid_media_spend: "Paid media spend",
  paid_media_var: "Exposure of a paid channel",
  organic: "Organic activity",
  context: "Context",
  factor: "Context category",
  country: "Market / country column",
  ignore: "Not used",
};

export const ADSTOCK_CHOICES = ["geometric", "weibull_cdf", "weibull_pdf"] as const;

/** The inputs of the form, by name, as strings (what a browser posts). */
export type RunFormValues = Readonly<Record<string, string>>;

export const roleInput = (column: string): string => `role:${column}`;
export const pairInput = (column: string): string => `pair:${column}`;

/** The form prefilled from the auto-mapping, for `country` (a market value of the data, or empty). */
export function formFromSuggestion(suggestion: MappingSuggestion, country: string): RunFormValues {
  const values: Record<string, string> = {
    country,
    dep_var_type: suggestion.spec.dep_var_type ?? "revenue",
    iterations: "2000",
    trials: "5",
    adstock: "geometric",
    window_start: "",
    window_end: "",
    tag: "",
  };
  for (const column of suggestion.columns) {
    values[roleInput(column.column)] = column.role;
    if (column.role === "paid_media_var" && column.pairedWith)
      values[pairInput(column.column)] = column.pairedWith;
  }
  return values;
}

/** Only the string inputs of a parsed body, trimmed. */
export function formValues(form: Record<string, unknown>): RunFormValues {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) if (typeof value === "string") values[key] = value.trim();
  return values;
}

/** The body of `POST /api/runs` for dataset `ref` whose columns are `columns`, from the posted form. */
export function runBodyFromForm(
  ref: string,
  columns: readonly string[],
  values: RunFormValues,
): Record<string, unknown> {
  const byRole = new Map<MappingRole, string[]>();
  for (const column of columns) {
    const role = (values[roleInput(column)] ?? "ignore") as MappingRole;
    if (!FORM_ROLES.includes(role)) {
      throw invalidInput(roleInput(column), `Choose one of the listed roles for ${column}.`);
    }
    byRole.set(role, [...(byRole.get(role) ?? []), column]);
  }
  const all = (role: MappingRole) => byRole.get(role) ?? [];
  const single = (role: MappingRole, what: string, required: boolean): string | undefined => {
    const chosen = all(role);
    if (chosen.length > 1) {
      throw invalidInput(
        roleInput(chosen[1]!),
        `${chosen.join(" and ")} are both marked ${what}: a model has one ${what}; mark the other one differently.`,
      );
    }
    if (required && chosen.length === 0) {
      throw invalidInput(
        "mapping",
        `No column is marked ${what}: choose the column that holds it in the mapping step.`,
      );
    }
    return chosen[0];
  };
  const date = single("date", "Date", false);
  const depVar = single("dep_var", "Goal", true)!;
  const countryColumn = single("country", "Market / country column", false);
  const spends = all("paid_media_spend");
  if (spends.length === 0) {
    throw invalidInput(
      "mapping",
      "No column is marked Paid media spend: a model needs at least one paid channel's spend.",
    );
  }
  const exposureOf = new Map<string, string>();
  for (const exposure of all("paid_media_var")) {
    const spend = values[pairInput(exposure)];
    if (!spend || !spends.includes(spend)) {
      throw invalidInput(
        roleInput(exposure),
        spend
          ? `${exposure} is the exposure of ${spend}, which is not marked Paid media spend: mark ${spend} as a spend, or ${exposure} as something else.`
          : `${exposure} has no paid channel it belongs to: mark it as something else.`,
      );
    }
    exposureOf.set(spend, exposure);
  }
  const country = values.country ?? "";
  if (!/^[A-Za-z]{2}$/.test(country)) {
    throw invalidInput(
      "country",
      country === ""
        ? "Enter the two-letter country code the run is for (holidays and the market filter), e.g. DE."
        : `"${country}" is not a two-letter country code: enter one such as DE or US.`,
    );
  }
  return {
    data: { dataset: ref, ...(countryColumn ? { country_column: countryColumn } : {}) },
    country,
    ...(date ? { date_var: date } : {}),
    dep_var: depVar,
    dep_var_type: values.dep_var_type,
    paid_media_spends: spends,
    paid_media_vars: spends.map((spend) => exposureOf.get(spend) ?? spend),
    organic_vars: all("organic"),
    context_vars: [...all("context"), ...all("factor")],
    factor_vars: all("factor"),
    adstock: values.adstock,
    iterations: wholeNumber(values, "iterations", "Iterations"),
    trials: wholeNumber(values, "trials", "Trials"),
    ...(values.window_start ? { window_start: values.window_start } : {}),
    ...(values.window_end ? { window_end: values.window_end } : {}),
    ...(values.tag ? { tag: values.tag } : {}),
  };
}

function wholeNumber(values: RunFormValues, input: string, label: string): number {
  const text = values[input] ?? "";
  if (!/^[0-9]{1,9}$/.test(text))
    throw invalidInput(input, `${label} must be a whole number, such as 2000 (not "${text}").`);
  return Number(text);
}
