/**
 * A table of items with one action per row (cancel a schedule, revoke an API token or a share link): the
 * row's cells, then a last cell with a one-button form that posts with the session's CSRF token.
 */
import type { Child } from "hono/jsx";
import type { SessionData } from "../../viewer-env.ts";
import { CsrfField } from "./csrf-field.tsx";

export function ActionTable<T>({
  headers,
  items,
  cells,
  action,
  button,
  lead,
  session,
}: {
  /** The headers of the item's own cells; the action column has none. */
  headers: readonly string[];
  items: readonly T[];
  /** The row's cells (`<td>`s) before the action. */
  cells: (item: T) => Child;
  /** Where the row's button posts, or undefined where the row has nothing left to do (already revoked). */
  action: (item: T) => string | undefined;
  button: "Cancel" | "Revoke";
  /** Shown before the button (a share link's Preview); the cell then lays its parts out side by side. */
  lead?: (item: T) => Child;
  session: SessionData;
}) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {headers.map((header) => (
              <th>{header}</th>
            ))}
            <th></th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const target = action(item);
            return (
              <tr>
                {cells(item)}
                <td class={lead ? "actions" : undefined}>
                  {lead?.(item)}
                  {target !== undefined && (
                    <form method="post" action={target}>
                      <CsrfField session={session} />
                      <button type="submit" class="danger">
                        {button}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
