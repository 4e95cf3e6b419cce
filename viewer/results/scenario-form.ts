/**
 * The forward-scenario page's form: its fields as a spend plan, and what the page shows again when the plan is
 * refused (the values as typed, a pasted or uploaded CSV kept in the text box, and the problem under its input).
 *
 * Fields: `name` (to save it), `source` (`recent` or `csv`); for `recent`: `periods`, `multiplier` (every
 * channel) and `multiplier:<spend column>` (wins for that channel; empty: the shared one); for `csv`: `plan_csv`
 * (pasted) or `plan_file` (uploaded, wins when not empty).
 */
import { invalidInput, isMmmError } from "../../common/errors.ts";
import { planFromCsv, type ScenarioRequest } from "../../core/results/model-scenario.ts";

export type ScenarioInput = "name" | "source" | "periods" | "multiplier" | "plan_csv";

export interface ScenarioProblem {
  input: ScenarioInput;
  /** For a per-channel multiplier: the channel's spend column. */
  channel?: string;
  message: string;
}

export interface ScenarioFormState {
  readonly values: Readonly<Record<string, string>>;
  readonly problem?: ScenarioProblem;
}

/** The form as text: uploaded file contents go into `plan_csv`, so a refused form shows what was sent. */
export async function scenarioFormValues(form: Record<string, unknown>): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) if (typeof value === "string") values[key] = value.trim();
  const file = form.plan_file;
  if (file instanceof File && file.size > 0) {
    values.plan_csv = (await file.text()).trim();
    values.source = "csv";
  }
  return values;
}

export function scenarioFormPlan(
  values: Readonly<Record<string, string>>,
  channels: readonly string[],
): ScenarioRequest["plan"] {
  if (values.source === "csv") {
    if (!values.plan_csv)
      throw invalidInput(
        "plan",
        "Paste a plan or choose a CSV file: a date column, then one column of spends per channel.",
      );
    return planFromCsv(values.plan_csv);
  }
  const text = values.periods ?? "";
  const periods = Number(text);
  if (text === "" || !Number.isInteger(periods) || periods < 1)
    throw invalidInput("periods", `The number of weeks must be a whole number of 1 or more, not "${text}".`);
  const number = (key: string, channel?: string): number | undefined => {
    const raw = values[key] ?? "";
    if (raw === "") return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0)
      throw invalidInput(
        channel ? `multiplier.${channel}` : "multiplier",
        `The multiplier${channel ? ` of ${channel}` : ""} must be a number of at least 0, not "${raw}".`,
      );
    return value;
  };
  const shared = number("multiplier") ?? 1;
  const own: Record<string, number> = {};
  for (const channel of channels) {
    const value = number(`multiplier:${channel}`, channel);
    if (value !== undefined) own[channel] = value;
  }
  if (Object.keys(own).length === 0) return { periods, multiplier: shared };
  return { periods, multiplier: Object.fromEntries(channels.map((c) => [c, own[c] ?? shared])) };
}

/** The refusal as a form problem; undefined when it is not about the form (then the error page shows it). */
export function scenarioProblem(error: unknown): ScenarioProblem | undefined {
  if (!isMmmError(error) || error.code !== "invalid_input") return undefined;
  const [field = "", named] = (error.field ?? "").split(".", 2);
  if (field === "name") return { input: "name", message: error.message };
  if (field === "periods") return { input: "periods", message: error.message };
  if (field === "multiplier")
    return { input: "multiplier", ...(named ? { channel: named } : {}), message: error.message };
  if (["plan", "dates", "spend"].includes(field)) return { input: "plan_csv", message: error.message };
  return undefined;
}
