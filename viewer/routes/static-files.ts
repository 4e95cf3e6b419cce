/**
 * `/static/<name>.<hash>.<ext>`: chart.js, the viewer's script and stylesheet, cached for a year
 * (`immutable`: a new version has a new hash, hence a new URL).
 */
import { Hono } from "hono";
import { staticAssets } from "../static-assets.ts";

export function staticFiles(): Hono {
  const app = new Hono();
  app.get("/:name", (c) => {
    const asset = staticAssets().byPath.get(`/static/${c.req.param("name")}`);
    if (!asset) return c.text("No such file.", 404);
    return c.body(new Uint8Array(asset.body), 200, {
      "content-type": asset.contentType,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    });
  });
  return app;
}
