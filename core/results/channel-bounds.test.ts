import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { boundsInChannelOrder, formBounds } from "./channel-bounds.ts";

const channels = [
  { name: "tv_S", spendName: "tv_S", exposureName: null },
  { name: "facebook_I", spendName: "facebook_S", exposureName: "facebook_I" },
  { name: "ooh_S", spendName: "ooh_S", exposureName: null },
];

describe("boundsInChannelOrder", () => {
  it("passes one value or a vector through, and orders named bounds by the model's channels", () => {
    expect(boundsInChannelOrder(0.7, channels, "channel_constr_low", undefined, 0.5)).toBe(0.7);
    expect(boundsInChannelOrder([1, 2, 3], channels, "channel_constr_up", undefined, 2)).toEqual([1, 2, 3]);
    // By spend or modelled column; the rest from the run's setting, else the default.
    expect(
      boundsInChannelOrder({ ooh_S: 1.1, facebook_S: 1.2 }, channels, "channel_constr_up", undefined, 2),
    ).toEqual([2, 1.2, 1.1]);
    expect(
      boundsInChannelOrder({ facebook_I: 0.9 }, channels, "channel_constr_low", [0.6, 0.7, 0.8], 0.5),
    ).toEqual([0.6, 0.9, 0.8]);
    expect(boundsInChannelOrder({ tv_S: 1.4 }, channels, "channel_constr_up", 1.5, 2)).toEqual([
      1.4, 1.5, 1.5,
    ]);
  });

  it("names an unknown channel with the field and the channels to choose from", () => {
    const error = expectInvalidInput(
      () => boundsInChannelOrder({ radio_S: 1 }, channels, "channel_constr_up", undefined, 2),
      "channel_constr_up.radio_S",
    );
    expect(error.message).toBe(
      'channel_constr_up names "radio_S", which is not a paid channel of this model: use one of tv_S, facebook_S, ooh_S.',
    );
  });
});

describe("formBounds", () => {
  it("uses the shared value alone, or fills the channels without their own value with it", () => {
    expect(formBounds(0.7, {}, ["a", "b"])).toBe(0.7);
    expect(formBounds(undefined, {}, ["a", "b"])).toBeUndefined();
    expect(formBounds(0.7, { b: 0.9 }, ["a", "b"])).toEqual({ a: 0.7, b: 0.9 });
    expect(formBounds(undefined, { b: 0.9 }, ["a", "b"])).toEqual({ b: 0.9 });
  });
});
