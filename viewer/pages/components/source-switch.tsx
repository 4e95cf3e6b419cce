/** The data sources a market's runs read, as links that switch a page to one of them. */
import type { FC } from "hono/jsx";
import type { SourceGroup } from "../../results/source-groups.ts";

export const SourceSwitch: FC<{
  groups: readonly SourceGroup[];
  chosen: string | undefined;
  href: (sourceKey: string) => string;
}> = ({ groups, chosen, href }) =>
  groups.length === 0 ? null : (
    <p class="filters">
      Data source:{" "}
      {groups.map((g, i) => (
        <>
          {i > 0 ? " · " : ""}
          {g.source.key === chosen ? (
            <strong>{g.source.label}</strong>
          ) : (
            <a href={href(g.source.key)}>{g.source.label}</a>
          )}{" "}
          <span class="sub">({g.runs.length})</span>
        </>
      ))}
    </p>
  );
