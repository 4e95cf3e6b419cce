import { describe, expect, it } from "vitest";
import { realisticSuggestion } from "../../tests/slack/block-fixtures.ts";
import { newDraft } from "../train/train-draft.ts";
import { MAPPING_BLOCK, SETTINGS_BLOCK, SOURCE_BLOCK, VIEW } from "./ids.ts";
import { mappingView } from "./mapping-modal.ts";
import { settingsView } from "./settings-modal.ts";
import { trainSourceView } from "./train-modal.ts";

interface Option {
  text: { text: string };
  value: string;
}
interface InputBlock {
  dispatch_action?: boolean;
  element: { type: string; initial_value?: string; initial_option: Option; initial_options?: Option[] };
}
const block = (view: { blocks: unknown[] }, id: string) =>
  view.blocks.find((b) => (b as { block_id?: string }).block_id === id) as InputBlock;

describe("train modal", () => {
  it("step 1 offers a table picker with type-ahead, SQL, countries and the channel", () => {
    const draft = newDraft({ channel: "C0MMM", countries: ["DE"] });
    const view = trainSourceView({ draft, metadata: "{}" });
    expect(view.callback_id).toBe(VIEW.trainSource);
    expect(block(view, SOURCE_BLOCK.table).element).toMatchObject({
      type: "external_select",
      min_query_length: 0,
    });
    expect(block(view, SOURCE_BLOCK.table).dispatch_action).toBe(true);
    expect(block(view, SOURCE_BLOCK.countriesText).element.initial_value).toBe("DE");
    expect(block(view, SOURCE_BLOCK.channel).element).toMatchObject({
      type: "conversations_select",
      initial_conversation: "C0MMM",
    });
    const listed = trainSourceView({
      draft,
      metadata: "{}",
      countries: { values: ["DE", "FR"], column: "COUNTRY" },
    });
    expect(block(listed, SOURCE_BLOCK.countries).element.initial_options).toEqual([
      { text: { type: "plain_text", text: "DE" }, value: "DE" },
    ]);
    expect(block(listed, SOURCE_BLOCK.countriesText)).toBeUndefined();
  });

  it("step 2 pre-fills every role from the suggestion and shows the reasons", () => {
    const { columns, suggestion } = realisticSuggestion();
    const draft = newDraft({ columns, countries: ["DE"] });
    const view = mappingView({
      draft,
      metadata: "{}",
      columns,
      suggestion,
      initial: {
        ...suggestion.spec,
        paid_media_spends: [...suggestion.spec.paid_media_spends],
        paid_media_vars: [...suggestion.spec.paid_media_vars],
        organic_vars: ["newsletter"],
        context_vars: ["competitor_sales_B", "events"],
        factor_vars: ["events"],
      },
      sourceLabel: "table DEMO.SIMULATED_WEEKLY",
      country: "DE",
      rows: 208,
      externalId: "mmm-x-1",
    });
    const names = (id: string) =>
      (block(view, id).element.initial_options ?? [block(view, id).element.initial_option]).map(
        (o) => o.text.text,
      );
    expect(names(MAPPING_BLOCK.date)).toEqual(["DATE"]);
    expect(names(MAPPING_BLOCK.spends)).toEqual(["tv_S", "ooh_S", "print_S", "facebook_S", "search_S"]);
    expect(names(MAPPING_BLOCK.exposures)).toEqual(["facebook_I", "search_clicks_P"]);
    expect(names(MAPPING_BLOCK.context)).toEqual(["competitor_sales_B"]);
    expect(names(MAPPING_BLOCK.factors)).toEqual(["events"]);
    // Options carry column indices, not names.
    expect(block(view, MAPPING_BLOCK.date).element.initial_option.value).toBe("0");
    expect(JSON.stringify(view.blocks)).toContain(
      "`tv_S` → paid media spend (90%): looks like a paid_media_spend",
    );
    expect(view.external_id).toBe("mmm-x-1");
  });

  it("step 3 pre-fills the preset and only fills iterations and trials for a custom size", () => {
    const draft = newDraft({ countries: ["DE", "FR"] });
    const preset = settingsView({ draft, metadata: "{}", values: { iterations: 200, trials: 3 } });
    expect(block(preset, SETTINGS_BLOCK.preset).element.initial_option.value).toBe("quick");
    expect(block(preset, SETTINGS_BLOCK.iterations).element.initial_value).toBeUndefined();
    const custom = settingsView({
      draft,
      metadata: "{}",
      values: {
        iterations: 300,
        trials: 2,
        calibration_input: [
          {
            channel: "tv_S",
            liftStartDate: "2018-01-01",
            liftEndDate: "2018-02-01",
            liftAbs: 10,
            spend: 5,
            confidence: 0.9,
            calibration_scope: "immediate",
          },
        ],
      },
    });
    expect(block(custom, SETTINGS_BLOCK.preset).element.initial_option.value).toBe("custom");
    expect(block(custom, SETTINGS_BLOCK.iterations).element.initial_value).toBe("300");
    expect(block(custom, SETTINGS_BLOCK.calibration).element.initial_value).toBe(
      "tv_S, 2018-01-01, 2018-02-01, 10, 5, 0.9",
    );
    expect(custom.submit).toEqual({ type: "plain_text", text: "Start training" });
  });
});
