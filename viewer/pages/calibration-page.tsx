/**
 * One model against the run's lift studies: a chart of what each experiment measured (with its interval)
 * beside what the model predicts over the same days, and a table of each study's error. Without lift
 * studies, the page says how to add them.
 */
import type { FC } from "hono/jsx";
import type { ModelCalibration } from "../../core/results/model-calibration.ts";
import type { Run } from "../../core/run.ts";
import { Chart, ChartData } from "./components/chart.tsx";
import { RunHeader } from "./components/run-header.tsx";
import { num, pct } from "./format.ts";

export const CalibrationPage: FC<{
  run: Run;
  solID: string;
  calibration: ModelCalibration | undefined;
  full: boolean;
  runVisible: boolean;
}> = ({ run, solID, calibration, full, runVisible }) => {
  const model = `/runs/${run.id}/models/${solID}`;
  const country = run.country.toUpperCase();
  const studies = calibration?.studies ?? [];
  const level = pct(calibration?.intervalLevel ?? 0.8, 0);
  return (
    <>
      <RunHeader run={run} current="model" full={full} runLinks={runVisible} />
      <h2 class="model-title">
        <a href={model}>Model {solID}</a> · calibration
      </h2>
      {studies.length === 0 ? (
        <p class="card">
          This run has no lift studies, so nothing anchors its channel effects to an experiment. Add the{" "}
          {country} studies in Slack with <code>/mmm lift {country}</code>: the next {country} runs calibrate
          with them.
        </p>
      ) : (
        <>
          <section class="card" id="calibration">
            <h2>Model vs experiment</h2>
            <p class="note">
              {studies.length} lift {studies.length === 1 ? "study" : "studies"}. The bar is each experiment's{" "}
              {level} interval around what it measured; the dot is what model {solID} predicts over the same
              days. MAPE.LIFT of this model: <strong>{pct(calibration!.mape)}</strong> (each study's |error|
              weighted by its confidence).
            </p>
            <Chart
              kind="calibration"
              dataKey="calibration"
              label={`Model ${solID} against each lift study`}
            />
            <p class="note" id="calibration-assumption">
              Assumption: {calibration!.assumption}
            </p>
          </section>
          <section class="card">
            <h2>Each study</h2>
            <div class="table-wrap">
              <table class="sortable" id="calibration-table">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Channel</th>
                    <th>Study</th>
                    <th>Confidence</th>
                    <th>Measured lift</th>
                    <th>{level} interval</th>
                    <th>Model</th>
                    <th>Error</th>
                    <th>Inside</th>
                  </tr>
                </thead>
                <tbody>
                  {studies.map((s) => (
                    <tr data-study={String(s.study)}>
                      <td>{s.study}</td>
                      <td>
                        <code>{s.channel}</code>
                        {s.media !== s.channel && (
                          <>
                            <br />
                            <span class="note">as {s.media}</span>
                          </>
                        )}
                      </td>
                      <td>
                        {s.liftStartDate} to {s.liftEndDate}
                        {s.scope === "total" && " · total effect"}
                      </td>
                      <td class="num">{num(s.confidence, 2)}</td>
                      <td class="num">{num(s.measured, 0)}</td>
                      <td class="num">
                        {s.measuredLow === undefined
                          ? "–"
                          : `${num(s.measuredLow, 0)} to ${num(s.measuredHigh, 0)}`}
                      </td>
                      <td class="num">{num(s.predicted, 0)}</td>
                      <td class="num" data-error={String(s.error)}>
                        {s.error > 0 ? "+" : ""}
                        {pct(s.error)}
                      </td>
                      <td>{s.withinInterval === undefined ? "–" : s.withinInterval ? "yes" : "no"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="note">
              Error is (model − measured) / measured. The JSON of this page:{" "}
              <a href={`${model}/calibration.json`}>calibration.json</a>.
            </p>
          </section>
          <ChartData
            data={{
              calibration: {
                labels: studies.map((s) => `${s.study}. ${s.channel} ${s.liftStartDate}`),
                measured: studies.map((s) => s.measured),
                interval: studies.map((s) =>
                  s.measuredLow === undefined ? null : [s.measuredLow, s.measuredHigh],
                ),
                predicted: studies.map((s) => s.predicted),
                errors: studies.map((s) => s.error),
                level: calibration!.intervalLevel,
              },
            }}
          />
        </>
      )}
    </>
  );
};
