/** Renders a page inside the layout, with the visitor's access and session from the context. */
import type { Context } from "hono";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ViewerEnv } from "../viewer-env.ts";
import { Layout } from "./components/layout.tsx";

export interface PageOptions {
  readonly title: string;
  /** Load chart.js and the viewer's script. */
  readonly scripts?: boolean;
  readonly status?: ContentfulStatusCode;
}

export function renderPage(
  c: Context<ViewerEnv>,
  options: PageOptions,
  body: Child,
): Response | Promise<Response> {
  const page = (
    <Layout
      title={options.title}
      access={c.get("access")}
      session={c.get("session")}
      scripts={options.scripts}
      openWithoutSignIn={c.get("openWithoutSignIn") === true}
    >
      {body}
    </Layout>
  );
  return c.html(html`<!doctype html>${page}`, options.status ?? 200);
}
