import { describe, expect, it } from "vitest";
import type { Cell, Table } from "../../common/table.ts";
import { suggestMapping } from "./auto-map.ts";
import { applySavedMapping, pickSavedMapping, toSavedMapping, type SavedMapping } from "./saved-mapping.ts";

const n = 12;
const weeks = Array.from({ length: n }, (_, i) =>
  new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10),
);
const series = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
function table(columns: Record<string, Cell[]>): Table {
  return { columns: Object.keys(columns), data: columns };
}

const before = table({
  DATE: weeks,
  REVENUE: series((i) => 1000 + i * 10.5),
  TV_S: series((i) => i * 100),
  FB_S: series((i) => i * 50),
  FB_I: series((i) => i * 5000),
  MYSTERY: series((i) => (i * 7) % 5),
});

describe("saved mappings", () => {
  const fresh = suggestMapping(before);
  // The person made MYSTERY a context variable and decided TV_S should not be modelled.
  const confirmed = toSavedMapping(
    {
      ...fresh,
      columns: fresh.columns.map((c) =>
        c.column === "MYSTERY"
          ? { ...c, role: "context" as const }
          : c.column === "TV_S"
            ? { ...c, role: "ignore" as const }
            : c,
      ),
    },
    "DEMO.SHOP",
    { savedAt: "2024-05-01T10:00:00Z" },
  );

  it("records roles, exposure pairs and the goal type", () => {
    expect(confirmed).toEqual({
      table: "DEMO.SHOP",
      roles: {
        DATE: "date",
        REVENUE: "dep_var",
        TV_S: "ignore",
        FB_S: "paid_media_spend",
        FB_I: "paid_media_var",
        MYSTERY: "context",
      },
      pairs: { FB_I: "FB_S" },
      dep_var_type: "revenue",
      saved_at: "2024-05-01T10:00:00Z",
    });
  });

  it("lets saved roles win, keeps suggestions for new columns, and reports columns that disappeared", () => {
    // GMV comes first, so a fresh suggestion alone would make it the goal.
    const after = table({
      DATE: weeks,
      GMV: series((i) => 2000 + i * 10.5),
      REVENUE: series((i) => 1000 + i * 10.5),
      TV_S: series((i) => i * 100),
      fb_s: series((i) => i * 50),
      SEARCH_S: series((i) => i * 20),
    });
    expect(suggestMapping(after).spec.dep_var).toBe("GMV");
    const applied = applySavedMapping(suggestMapping(after), confirmed);
    expect(applied.missingColumns).toEqual(["FB_I", "MYSTERY"]);
    expect(applied.savedColumns).toEqual(["DATE", "REVENUE", "TV_S", "fb_s"]);
    expect(applied.newColumns).toEqual(["GMV", "SEARCH_S"]);
    expect(applied.spec).toEqual({
      date_var: "DATE",
      dep_var: "REVENUE",
      dep_var_type: "revenue",
      paid_media_spends: ["fb_s", "SEARCH_S"],
      paid_media_vars: ["fb_s", "SEARCH_S"],
      organic_vars: [],
      context_vars: [],
      factor_vars: [],
    });
    const gmv = applied.columns.find((c) => c.column === "GMV")!;
    expect(gmv.role).toBe("ignore");
    expect(gmv.reason).toBe("new column that looks like the goal, but the saved mapping uses REVENUE");
    expect(applied.columns.find((c) => c.column === "TV_S")).toMatchObject({
      role: "ignore",
      confidence: 1,
      reason: "kept from the saved mapping",
    });
  });

  it("restores the saved exposure pairing over the name-based one", () => {
    const saved: SavedMapping = {
      table: "T",
      roles: {
        DATE: "date",
        REVENUE: "dep_var",
        TV_S: "paid_media_spend",
        FB_S: "paid_media_spend",
        FB_I: "paid_media_var",
      },
      pairs: { FB_I: "TV_S" },
    };
    const applied = applySavedMapping(suggestMapping(before), saved);
    expect(applied.spec.paid_media_spends).toEqual(["TV_S", "FB_S"]);
    expect(applied.spec.paid_media_vars).toEqual(["FB_I", "FB_S"]);
  });

  it("picks the newest mapping for the country, else the newest for all countries", () => {
    const all = [
      { table: "demo.shop", roles: {}, saved_at: "2024-01-01" },
      { table: "DEMO.SHOP", roles: {}, saved_at: "2024-03-01" },
      { table: "DEMO.SHOP", country: "DE", roles: {}, saved_at: "2024-02-01" },
      { table: "DEMO.OTHER", country: "FR", roles: {}, saved_at: "2024-04-01" },
    ];
    expect(pickSavedMapping(all, "DEMO.SHOP", "de")).toBe(all[2]);
    expect(pickSavedMapping(all, "DEMO.SHOP", "FR")).toBe(all[1]);
    expect(pickSavedMapping(all, "DEMO.SHOP")).toBe(all[1]);
    expect(pickSavedMapping(all, "DEMO.NONE")).toBeUndefined();
  });
});
