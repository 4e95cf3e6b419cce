import { describe, expect, it } from "vitest";
import type { HealthFinding } from "./health-finding.ts";
import { worstLevel } from "./health-finding.ts";
import type { HealthInput, HealthModel, HealthVariable } from "./health-input.ts";
import { HEALTH_CHECKS, runHealthChecks } from "./run-health-checks.ts";

function paid(name: string, share: number, spend: number, effect: number, roi: number): HealthVariable {
  return { name, role: "paid", share, spend_share: spend, effect_share: effect, roi, cpa: 1 / roi };
}

function base(name: string, role: HealthVariable["role"], share: number): HealthVariable {
  return { name, role, share, spend_share: null, effect_share: null, roi: null, cpa: null };
}

/** A healthy calibrated model: a baseline near 70 %, effect shares close to spend shares, ROIs of 1–4. */
function cleanModel(id = "1_1_1"): HealthModel {
  return {
    model_id: id,
    rsq_train: 0.92,
    nrmse_train: 0.06,
    rsq_test: 0.85,
    nrmse_test: 0.07,
    intercept_dropped: false,
    variables: [
      base("(Intercept)", "intercept", 0.45),
      base("trend", "prophet", 0.15),
      base("season", "prophet", 0.02),
      base("competitor", "context", -0.04),
      paid("tv", 0.15, 0.45, 0.5, 2.1),
      paid("search", 0.12, 0.35, 0.4, 3.4),
      paid("social", 0.03, 0.2, 0.1, 1.2),
      base("newsletter", "organic", 0.12),
    ],
  };
}

function cleanInput(): HealthInput {
  const model = cleanModel();
  return {
    dep_var: "revenue",
    dep_var_type: "revenue",
    model,
    pareto_models: [model, cleanModel("1_2_1")],
    paid_channels: ["tv", "search", "social"],
    calibrated_channels: ["tv", "search", "social"],
    spend_max: { tv: 50_000, search: 20_000, social: 9_000 },
    intercept_requested: true,
    ts_validation: true,
    roi_band: [0.1, 15],
    lift_studies: [
      { study: "tv, 2024-03-04 to 2024-04-01", measured: 40_000, predicted: 42_000, confidence: 0.9 },
    ],
  };
}

/** A copy of the clean input with the model's variable `name` changed. */
function withVariable(input: HealthInput, name: string, change: Partial<HealthVariable>): HealthInput {
  const model = {
    ...input.model,
    variables: input.model.variables.map((v) => (v.name === name ? { ...v, ...change } : v)),
  };
  return { ...input, model, pareto_models: [model] };
}

const notOk = (findings: HealthFinding[], check: string) =>
  findings.filter((f) => f.check === check && f.level !== "ok");

describe("health checks", () => {
  it("stay quiet on a clean, calibrated model and say what they checked", () => {
    const findings = runHealthChecks(cleanInput());
    expect(findings.filter((f) => f.level !== "ok")).toEqual([]);
    expect(new Set(findings.map((f) => f.check))).toEqual(
      new Set([
        "calibration",
        "lift_study",
        "baseline_share",
        "intercept",
        "context_effects",
        "spend_data",
        "roi_band",
        "effect_vs_spend",
        "fit",
        "holdout",
      ]),
    );
    expect(HEALTH_CHECKS).toHaveLength(10);
    for (const f of findings) expect(f.message.length).toBeGreaterThan(20);
  });

  const cases: { check: string; level: "warning" | "problem"; input: () => HealthInput; says: RegExp }[] = [
    {
      check: "calibration",
      level: "warning",
      input: () => ({ ...cleanInput(), calibrated_channels: [], lift_studies: [] }),
      says: /No lift studies.*add lift studies/,
    },
    {
      check: "calibration",
      level: "warning",
      input: () => ({ ...cleanInput(), calibrated_channels: ["tv"] }),
      says: /1 of 3 paid channels; search, social have none/,
    },
    {
      check: "lift_study",
      level: "problem",
      input: () => ({
        ...cleanInput(),
        lift_studies: [
          { study: "tv, 2024-03-04 to 2024-04-01", measured: 40_000, predicted: 12_000, confidence: 1 },
        ],
      }),
      says: /measured 40k revenue, the model says 12k \(−70%\)\. The model contradicts the experiment/,
    },
    {
      check: "baseline_share",
      level: "problem",
      input: () => withVariable(cleanInput(), "trend", { share: 1.065 }),
      says: /The term trend explains 107% of the response: more than all of it/,
    },
    {
      check: "baseline_share",
      level: "warning",
      input: () => withVariable(cleanInput(), "(Intercept)", { share: 0.8 }),
      says: /baseline .* explains 93% of the response, media only 7%/,
    },
    {
      check: "intercept",
      level: "warning",
      input: () => ({ ...cleanInput(), model: { ...cleanModel(), intercept_dropped: true } }),
      says: /dropped its intercept/,
    },
    {
      check: "context_effects",
      level: "problem",
      input: () => withVariable(cleanInput(), "trend", { share: -0.2 }),
      says: /trend lowers the response by 20% overall/,
    },
    {
      check: "context_effects",
      level: "warning",
      input: () => withVariable(cleanInput(), "competitor", { share: -0.6 }),
      says: /competitor alone removes 60% of the response/,
    },
    {
      check: "spend_data",
      level: "problem",
      input: () => ({ ...cleanInput(), spend_max: { tv: 1, search: 0.8, social: 9_000 } }),
      says: /spend of tv, search is never above 1/,
    },
    {
      check: "spend_data",
      level: "problem",
      input: () => {
        const input = cleanInput();
        return ["tv", "search", "social"].reduce((i, name) => withVariable(i, name, { roi: 2.5 }), input);
      },
      says: /Every channel has the same ROAS \(2\.50\)/,
    },
    {
      check: "roi_band",
      level: "warning",
      input: () => withVariable(cleanInput(), "social", { roi: 0.02 }),
      says: /social returns 0\.02 per unit of spend, below 0\.1/,
    },
    {
      check: "roi_band",
      level: "warning",
      input: () => ({ ...withVariable(cleanInput(), "search", { roi: 3.4 }), roi_band: [0.5, 3] as const }),
      says: /search returns 3\.40 per unit of spend, above 3/,
    },
    {
      check: "effect_vs_spend",
      level: "warning",
      input: () => withVariable(cleanInput(), "social", { spend_share: 0.4, effect_share: 0.05 }),
      says: /social takes 40% of the spend but 5% of the media effect.*below its spend share.*every one of the 1 Pareto/,
    },
    {
      check: "fit",
      level: "problem",
      input: () => ({ ...cleanInput(), model: { ...cleanModel(), rsq_train: 0.4 } }),
      says: /fits the history poorly \(adjusted R² 0\.40.*Try: add/,
    },
    {
      check: "fit",
      level: "warning",
      input: () => ({ ...cleanInput(), model: { ...cleanModel(), nrmse_train: 0.15 } }),
      says: /only moderately .*NRMSE 15\.0%/,
    },
    {
      check: "holdout",
      level: "problem",
      input: () => ({ ...cleanInput(), model: { ...cleanModel(), nrmse_test: 0.3, rsq_test: -0.2 } }),
      says: /held-out weeks much worse.*30\.0% against 6\.0%/,
    },
    {
      check: "holdout",
      level: "warning",
      input: () => ({ ...cleanInput(), model: { ...cleanModel(), nrmse_test: 0.1 } }),
      says: /held-out weeks worse/,
    },
  ];

  for (const c of cases) {
    it(`${c.check} fires (${c.level}): ${c.says.source.slice(0, 40)}`, () => {
      const findings = notOk(runHealthChecks(c.input()), c.check);
      expect(findings, JSON.stringify(runHealthChecks(c.input()), null, 1)).toHaveLength(1);
      expect(findings[0]!.level).toBe(c.level);
      expect(findings[0]!.message).toMatch(c.says);
      // Each case changes one thing, and only its check speaks up.
      const others = runHealthChecks(c.input()).filter((f) => f.check !== c.check && f.level !== "ok");
      expect(others).toEqual([]);
    });
  }

  it("leaves out checks that do not apply", () => {
    const input = {
      ...cleanInput(),
      ts_validation: false,
      dep_var_type: "conversion" as const,
      intercept_requested: false,
    };
    const checks = runHealthChecks(input).map((f) => f.check);
    expect(checks).not.toContain("holdout");
    expect(checks).not.toContain("roi_band");
    expect(checks).not.toContain("intercept");
  });

  it("rates a set of findings by its most serious level", () => {
    expect(worstLevel([])).toBe("ok");
    expect(worstLevel([{ level: "ok" }, { level: "warning" }])).toBe("warning");
    expect(worstLevel([{ level: "problem" }, { level: "warning" }])).toBe("problem");
  });
});
