import { describe, expect, it } from "vitest";
import { LIMITS } from "../../bot/blocks/block-kit-limits.ts";
import { blockKitViolations } from "./block-kit-checker.ts";

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const problems = (surface: Parameters<typeof blockKitViolations>[0]) =>
  blockKitViolations(surface).map((v) => `${v.path}: ${v.problem}`);

describe("blockKitViolations", () => {
  it("accepts a plain message", () => {
    expect(problems({ kind: "message", text: "hi", blocks: [section("hi")] })).toEqual([]);
  });

  it("wants a text fallback and at most 50 blocks in a message", () => {
    const blocks = Array.from({ length: 51 }, () => section("x"));
    expect(problems({ kind: "message", text: " ", blocks })).toEqual([
      "text: a message needs a `text` fallback (notifications, screen readers)",
      "blocks: 51 blocks; a message allows 50",
    ]);
  });

  it("counts characters of sections, fields, headers and buttons", () => {
    const blocks = [
      section("s".repeat(3001)),
      {
        type: "section",
        fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f".repeat(2001) })),
      },
      { type: "header", text: { type: "mrkdwn", text: "h".repeat(151) } },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: "a",
            text: { type: "plain_text", text: "b".repeat(76) },
            value: "v".repeat(2001),
          },
        ],
      },
    ];
    const found = problems({ kind: "message", text: "t", blocks });
    expect(found).toContain("blocks[0].text.text: 3001 characters; at most 3000");
    expect(found).toContain("blocks[1].fields: 11 fields; at most 10");
    expect(found).toContain("blocks[1].fields[0].text: 2001 characters; at most 2000");
    expect(found).toContain('blocks[2].text.type: must be plain_text, is "mrkdwn"');
    expect(found).toContain("blocks[2].text.text: 151 characters; at most 150");
    expect(found).toContain("blocks[3].elements[0].text.text: 76 characters; at most 75");
    expect(found).toContain("blocks[3].elements[0].value: 2001 characters; at most 2000");
  });

  it("checks modals: title, buttons, metadata, ids, inputs and options", () => {
    const option = (i: number) => ({ text: { type: "plain_text", text: `o${i}` }, value: `${i}` });
    const view = {
      type: "modal",
      title: { type: "plain_text", text: "t".repeat(25) },
      callback_id: "c".repeat(256),
      private_metadata: "m".repeat(3001),
      blocks: [
        {
          type: "input",
          block_id: "same",
          label: { type: "plain_text", text: "L" },
          element: {
            type: "static_select",
            action_id: "a",
            options: Array.from({ length: 101 }, (_, i) => option(i)),
            initial_option: option(500),
          },
        },
        {
          type: "input",
          block_id: "same",
          label: { type: "plain_text", text: "L" },
          element: { type: "plain_text_input", action_id: "a", initial_value: "v".repeat(3001) },
        },
        {
          type: "input",
          block_id: "c",
          label: { type: "plain_text", text: "L" },
          element: {
            type: "checkboxes",
            action_id: "a",
            options: Array.from({ length: 11 }, (_, i) => option(i)),
          },
        },
        {
          type: "input",
          block_id: "d",
          label: { type: "plain_text", text: "L" },
          element: { type: "number_input", action_id: "a" },
        },
      ],
    };
    const found = problems({ kind: "modal", view });
    expect(found).toEqual(
      expect.arrayContaining([
        "callback_id: 256 characters; at most 255",
        "private_metadata: 3001 characters; at most 3000",
        "title.text: 25 characters; at most 24",
        "submit: a modal with input blocks needs `submit`",
        "blocks[0].element.options: 101 options; at most 100",
        'blocks[0].element.initial_option[0]: ["500","o500"] is not one of the options',
        'blocks[1].block_id: "same" is used twice',
        "blocks[1].element.initial_value: 3001 characters; at most 3000",
        "blocks[2].element.options: 11 options; 1 to 10",
        "blocks[3].element.is_decimal_allowed: a number input needs is_decimal_allowed",
      ]),
    );
  });

  it("allows 100 blocks in a Home tab, not 101, and no inputs in messages", () => {
    const home = (n: number) => ({
      kind: "home" as const,
      view: { type: "home", blocks: Array.from({ length: n }, () => section("x")) },
    });
    expect(problems(home(100))).toEqual([]);
    expect(problems(home(101))).toEqual(["blocks: 101 blocks; a home allows 100"]);
    expect(
      problems({
        kind: "message",
        text: "t",
        blocks: [
          { type: "input", label: { type: "plain_text", text: "l" }, element: { type: "plain_text_input" } },
        ],
      }),
    ).toEqual(["blocks[0]: input blocks are for modals and Home tabs"]);
  });

  it("checks options responses of external selects", () => {
    const options = Array.from({ length: 101 }, (_, i) => ({
      text: { type: "plain_text", text: "x".repeat(76) },
      value: `${i}`.repeat(80),
    }));
    const found = problems({ kind: "options", response: { options } });
    expect(found[0]).toBe(`options: 101 options; at most ${LIMITS.selectOptions}`);
    expect(found).toContain("options[0].text.text: 76 characters; at most 75");
    expect(found).toContain("options[1].value: 80 characters; at most 75");
  });
});
