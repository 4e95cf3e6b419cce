/**
 * Links from Slack to the viewer. Every "Open in viewer" button and link is built here, so that switching
 * from plain page URLs to signed share links (`/share/<token>`, being written for the viewer) is a change to
 * this one function.
 */

export type ViewerTarget =
  | { readonly run: string; readonly model?: string }
  | { readonly country: string }
  | { readonly dataset: string }
  | { readonly home: true }
  /** The budget-split page, with its form's query (`country=DE&markets=US%3D1`). */
  | { readonly budgetSplit: string };

/**
 * `<baseUrl>/runs/<id>`, `<baseUrl>/runs/<id>/models/<solID>`, `<baseUrl>/countries/<cc>`,
 * `<baseUrl>/datasets/<name>@<version>` or `<baseUrl>/`.
 */
export function viewerLink(baseUrl: string, target: ViewerTarget): string {
  const base = baseUrl.replace(/\/+$/, "");
  if ("home" in target) return `${base}/`;
  if ("budgetSplit" in target)
    return `${base}/budget-split${target.budgetSplit ? `?${target.budgetSplit}` : ""}`;
  if ("dataset" in target)
    return `${base}/datasets/${encodeURIComponent(target.dataset).replace("%40", "@")}`;
  if ("country" in target) return `${base}/countries/${encodeURIComponent(target.country.toLowerCase())}`;
  const run = `${base}/runs/${encodeURIComponent(target.run)}`;
  return target.model === undefined ? run : `${run}/models/${encodeURIComponent(target.model)}`;
}
