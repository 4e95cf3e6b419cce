import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { checkPreparation } from "./check-preparation.ts";
import { PreparationDraftSchema } from "./preparation-draft.ts";

const weeks = 12;
const column = <T>(f: (i: number) => T): T[] => Array.from({ length: weeks }, (_, i) => f(i));
const table = {
  columns: [
    "DATE",
    "sales",
    "orders",
    "tv_S",
    "radio_S",
    "facebook_S",
    "facebook_I",
    "newsletter",
    "blog_posts",
    "promo",
  ],
  data: {
    DATE: column((i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10)),
    sales: column((i) => 1000 + 37 * ((i * 5) % 11)),
    orders: column((i) => 10 + ((i * 3) % 7)),
    tv_S: column((i) => 100 + ((i * 7) % 13)),
    radio_S: column((i) => 50 + ((i * 3) % 5)),
    facebook_S: column((i) => 80 + ((i * 11) % 17)),
    facebook_I: column((i) => 8000 + ((i * 13) % 19) * 100),
    newsletter: column((i) => (i * 7) % 4),
    blog_posts: column((i) => (i * 5) % 3),
    promo: column((i) => (i % 2 === 0 ? "yes" : "no")),
  },
};
const source = { table, label: "table T" };
const draft = (over: Record<string, unknown> = {}) =>
  PreparationDraftSchema.parse({
    name: "p",
    source: { table: "T" },
    market: "US",
    goal: { column: "sales" },
    ...over,
  });

describe("checkPreparation", () => {
  it("gives a derived column its parts' role and keeps secondary goals out of the model", () => {
    const checked = checkPreparation(
      draft({
        drop: ["tv_S", "radio_S", "newsletter", "blog_posts"],
        secondary_goals: [{ column: "orders", type: "conversion" }],
        derived: [
          { name: "offline_S", sum: ["tv_S", "radio_S"] },
          { name: "owned", sum: ["newsletter", "blog_posts"], tag: "owned" },
        ],
      }),
      source,
    );
    expect(checked.columns).toEqual(["DATE", "sales", "orders", "facebook_S", "facebook_I", "promo"]);
    expect(checked.paid_media).toEqual([
      { spend: "facebook_S", response: "facebook_I" },
      { spend: "offline_S", response: "offline_S" },
    ]);
    expect(checked.organic_vars).toEqual(["owned"]);
    expect(checked.context_vars).not.toContain("orders");
    expect(checked.factor_vars).toEqual(["promo"]);
    // No type given: the auto-mapping's, which reads whole-number sales as conversions.
    expect(checked.goal).toEqual({ column: "sales", type: "conversion" });
  });

  it("models the chosen media response, and drops it from other roles", () => {
    const checked = checkPreparation(draft({ media_response: { facebook_S: "facebook_S" } }), source);
    expect(checked.paid_media.find((p) => p.spend === "facebook_S")?.response).toBe("facebook_S");
    expect([...checked.organic_vars, ...checked.context_vars]).not.toContain("facebook_I");
  });

  it("refuses what cannot be modelled, naming the field", () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          derived: [
            { name: "x", sum: ["tv_S"] },
            { name: "x", sum: ["radio_S"] },
          ],
        },
        "derived[1].name",
      ],
      [{ derived: [{ name: "x", sum: ["tv_S", "tv_S"] }] }, "derived[0].sum"],
      [{ derived: [{ name: "x", sum: ["sales"] }] }, "derived[0].sum"],
      [{ drop: ["DATE"] }, "drop"],
      [{ drop: ["tv_S", "radio_S", "facebook_S"] }, "columns"],
      [{ media_response: { facebook_S: "tv_S" } }, "media_response.facebook_S"],
      [{ media_response: { facebook_S: "promo" } }, "media_response.facebook_S"],
      [{ secondary_goals: [{ column: "promo", type: "conversion" }] }, "secondary_goals[0].column"],
      [
        { secondary_goals: [{ column: "orders", type: "conversion" }], drop: ["orders"] },
        "secondary_goals[0].column",
      ],
    ];
    for (const [over, field] of cases) {
      expectInvalidInput(() => checkPreparation(draft(over), source), field);
    }
  });
});
