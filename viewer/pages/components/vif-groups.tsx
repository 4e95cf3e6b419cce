/**
 * The data profile's VIF, one table per regressor group (paid media, organic, context), each value in its
 * band's colour, with the identical-column warning above them: the replaced product's preparation page
 * showed collinearity per group so that a person sees which kind of variable to thin out.
 */
import type { FC } from "hono/jsx";
import type { DataProfile, RegressorVif } from "../../../core/data-profile/data-profile.ts";
import type { Band } from "../../../core/data-profile/profile-bands.ts";

const GROUPS: readonly { group: RegressorVif["group"]; title: string }[] = [
  { group: "paid_media", title: "Paid media (each channel's media response)" },
  { group: "organic", title: "Organic" },
  { group: "context", title: "Context" },
];

const LIGHT: Record<Band, string> = { ok: "green", warning: "amber", problem: "red" };

const vifText = (vif: number): string =>
  Number.isFinite(vif) ? (vif >= 100 ? vif.toFixed(0) : vif.toPrecision(3)) : "∞";

export const VifGroups: FC<{ profile: DataProfile }> = ({ profile }) => (
  <section class="card" id="vif">
    <h2>Collinearity per group</h2>
    {profile.identical_columns.map(([a, b]) => (
      <p class="warn" data-identical={`${a} ${b}`}>
        {a} and {b} are practically the same column (|correlation| ≥ 0.9999): keep one.
      </p>
    ))}
    {profile.vif.length === 0 ? (
      <p class="note">{profile.notes[0] ?? "No VIF could be measured."}</p>
    ) : (
      <div class="tiles">
        {GROUPS.map(({ group, title }) => {
          const rows = profile.vif.filter((v) => v.group === group);
          return (
            <div data-vif-group={group}>
              <h3>{title}</h3>
              {rows.length === 0 ? (
                <p class="note">No regressor of this kind.</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th>column</th>
                      <th>VIF</th>
                      <th>band</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((v) => (
                      <tr data-vif={v.column}>
                        <td>{v.column}</td>
                        <td>
                          <span class={`light light-${LIGHT[v.band]}`}>{vifText(v.vif)}</span>
                        </td>
                        <td>{v.band}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          );
        })}
      </div>
    )}
    <p class="note">
      VIF over all regressors left after the suggested cleaning: ok below 5, warning from 5, problem from 10
      (∞: a linear combination of the others).
    </p>
  </section>
);
