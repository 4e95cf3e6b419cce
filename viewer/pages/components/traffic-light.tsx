/** A metric with its traffic light, and the sentence that states the thresholds. */
import type { FC } from "hono/jsx";
import { THRESHOLDS, lightOf, thresholdsSentence, type LightMetric } from "../../results/traffic-light.ts";
import { num } from "../format.ts";

export const Metric: FC<{ metric: LightMetric; value: unknown }> = ({ metric, value }) => {
  const v = typeof value === "number" ? value : Number.NaN;
  const light = lightOf(metric, v);
  return (
    <span
      class={`light light-${light}`}
      title={`${THRESHOLDS[metric].label}: ${light === "none" ? "no value" : light}`}
    >
      {num(v, 3)}
    </span>
  );
};

export const ThresholdNote: FC = () => <p class="note">Traffic lights: {thresholdsSentence()}</p>;
