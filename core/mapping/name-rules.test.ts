import { describe, expect, it } from "vitest";
import { channelStem, matchName, splitName } from "./name-rules.ts";

describe("splitName", () => {
  it("splits at separators and case changes, keeping the written text", () => {
    expect(splitName("search_clicks_P").map((w) => w.word)).toEqual(["search", "clicks", "p"]);
    expect(splitName("GoogleSearchCost").map((w) => w.text)).toEqual(["Google", "Search", "Cost"]);
    expect(splitName("tv-spend 2024").map((w) => w.word)).toEqual(["tv", "spend", "2024"]);
  });
});

describe("matchName", () => {
  it.each([
    ["DATE", "date"],
    ["ds", "date"],
    ["order_date", "date"],
    ["COUNTRY_CODE", "country"],
    ["Market", "country"],
    ["tv_S", "paid_media_spend"],
    ["SEARCH_SPEND", "paid_media_spend"],
    ["cost_facebook", "paid_media_spend"],
    ["Display_Budget", "paid_media_spend"],
    ["facebook_I", "paid_media_var"],
    ["search_clicks_P", "paid_media_var"],
    ["YOUTUBE_IMPRESSIONS", "paid_media_var"],
    ["tv_grps", "paid_media_var"],
    ["competitor_sales_B", "context"],
    ["COMPETITOR_SALES", "context"],
    ["avg_price", "context"],
    ["weather_temp", "context"],
    ["search_organic", "organic"],
    ["ORGANIC_SEARCH_CLICKS", "organic"],
    ["website_direct", "organic"],
    ["newsletter", "organic"],
    ["EMAIL_SENDS", "organic"],
    ["EMAIL_SPEND", "paid_media_spend"],
    ["black_friday_flag", "factor"],
    ["is_holiday", "factor"],
    ["events", "factor"],
    ["revenue", "dep_var"],
    ["net_gmv", "dep_var"],
    ["ORDERS", "dep_var"],
    ["tv", "media_channel"],
  ])("%s → %s", (name, role) => {
    expect(matchName(name)?.role).toBe(role);
  });

  it("says which marker matched, as written", () => {
    expect(matchName("tv_S")).toMatchObject({ marker: "_S", place: "suffix" });
    expect(matchName("search_clicks_P")).toMatchObject({ marker: "_P", exposureKind: "clicks" });
    expect(matchName("facebook_I")).toMatchObject({ exposureKind: "impressions" });
    expect(matchName("SPEND_TV")).toMatchObject({ marker: "SPEND_", place: "prefix" });
    expect(matchName("revenue")).toMatchObject({ goalType: "revenue" });
    expect(matchName("signups")).toMatchObject({ goalType: "conversion" });
  });

  it("leaves unknown names alone", () => {
    expect(matchName("foo_bar")).toBeUndefined();
    expect(matchName("SESSIONS")).toBeUndefined();
    expect(matchName("")).toBeUndefined();
  });
});

describe("channelStem", () => {
  it.each([
    ["facebook_I", "facebook"],
    ["facebook_S", "facebook"],
    ["search_clicks_P", "search"],
    ["SEARCH_SPEND", "search"],
    ["SEARCH_CLICKS", "search"],
    ["PAID_SOCIAL_COST", "social"],
    ["FB_Prospecting_Impressions", "fb_prospecting"],
    ["SPEND_TV", "tv"],
    ["tv", "tv"],
  ])("%s → %s", (name, stem) => {
    expect(channelStem(name)).toBe(stem);
  });
});
