import { describe, expect, it } from "vitest";
import { staticAssets } from "../static-assets.ts";
import { staticFiles } from "./static-files.ts";

describe("static files", () => {
  const app = staticFiles();
  const assets = staticAssets();

  it("serves chart.js from its npm package and the viewer's script and stylesheet, cached for a year", async () => {
    for (const asset of [assets.chartJs, assets.viewerJs, assets.css]) {
      const response = await app.request(asset.path.slice("/static".length));
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("content-type")).toBe(asset.contentType);
      expect(Buffer.from(await response.arrayBuffer()).equals(asset.body)).toBe(true);
    }
    expect(assets.chartJs.body.toString("utf8", 0, 200)).toContain("Chart.js");
  });

  it("ships under 300 KB of JavaScript to a page", () => {
    expect(assets.chartJs.body.length + assets.viewerJs.body.length).toBeLessThan(300 * 1024);
  });

  it("answers 404 for anything else", async () => {
    expect((await app.request("/chart.js")).status).toBe(404);
    expect((await app.request("/..%2Fpackage.json")).status).toBe(404);
  });
});
