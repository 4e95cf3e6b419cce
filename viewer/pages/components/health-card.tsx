/**
 * Model health (issue 13): what the health checks found for this model, problems first, each with what to
 * do, and how many paid channels lift studies calibrate. A run page shows one card for the recommended
 * model and, when Robyn picked another, one for Robyn's pick: `title` and `id` tell them apart.
 */
import type { FC } from "hono/jsx";
import type { RunTrust } from "../../../core/results/run-health.ts";
import {
  byLevel,
  calibrationSentence,
  checkLabel,
  healthHeadline,
} from "../../../engine/health/health-text.ts";
import { worstLevel } from "../../../engine/health/health-finding.ts";

export const HealthCard: FC<{ trust: RunTrust; modelId: string; title?: string; id?: string }> = ({
  trust,
  modelId,
  title = "Model health",
  id = "health",
}) => {
  const findings = byLevel(trust.health);
  return (
    <section class={`card health health-${worstLevel(findings)}`} id={id} data-model={modelId}>
      <h2>{title}</h2>
      <p>
        <strong>{healthHeadline(findings) || "No checks ran"}</strong> for model {modelId}.{" "}
        {calibrationSentence(trust.calibration)}
      </p>
      <ul class="health-list">
        {findings.map((f) => (
          <li class={`health-${f.level}`} data-check={f.check} data-level={f.level}>
            <span class="health-level">
              {f.level === "ok" ? "OK" : f.level === "warning" ? "Warning" : "Problem"}
            </span>{" "}
            <strong>{checkLabel(f.check)}</strong>: {f.message}
          </li>
        ))}
      </ul>
    </section>
  );
};
