/**
 * `GET /artifacts/<key>?expires=…&sig=…`: files of the local artifact store behind signed, expiring links
 * (the GCS adapter hands out Google's own signed URLs instead).
 */
import { Hono } from "hono";
import { verifyArtifactSignature } from "../../core/artifacts/artifact-signature.ts";
import { contentTypeOf } from "../../core/artifacts/content-type.ts";
import type { Services } from "../../core/services.ts";

export function artifactRoutes(
  services: Pick<Services, "artifacts" | "secret">,
  now: () => Date = () => new Date(),
): Hono {
  const app = new Hono();
  app.get("/artifacts/*", async (c) => {
    const key = decodeURIComponent(c.req.path.slice("/artifacts/".length));
    const expires = c.req.query("expires") ?? "";
    const sig = c.req.query("sig") ?? "";
    const disposition = c.req.query("disposition");
    if (!verifyArtifactSignature(key, expires, sig, services.secret, now(), disposition)) {
      return c.json({ status: "error", message: "This link is not valid or has expired." }, 403);
    }
    const body = await services.artifacts.get(key);
    if (!body) return c.json({ status: "error", message: "No such file." }, 404);
    const name = key.slice(key.lastIndexOf("/") + 1);
    return c.body(new Uint8Array(body), 200, {
      "content-type": contentTypeOf(key),
      "cache-control": "private, max-age=300",
      ...(disposition ? { "content-disposition": `${disposition}; filename="${name}"` } : {}),
    });
  });
  return app;
}
