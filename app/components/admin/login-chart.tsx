import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import type { ChartDay } from "~/models/admin-audit.server";

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, right: 16, bottom: 36, left: 44 };

/** A round upper bound for the y axis: 5, 10, 20, 50, 100, ... (never below 5). */
export function niceMax(value: number): number {
  const target = Math.max(4, value);
  const magnitude = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= target) return step * magnitude;
  }
  return 10 * magnitude;
}

function busiest(days: ChartDay[], key: "success" | "failure"): ChartDay {
  return days.reduce((best, day) => (day[key] > best[key] ? day : best), days[0]);
}

/**
 * Sign-ins and failed sign-ins per UTC day as server-rendered SVG (a solid
 * line with circles and a dashed line with squares, so colour is never the
 * only difference), described for screen readers, with the same numbers as
 * a table.
 */
export function LoginChart({ days }: { days: ChartDay[] }) {
  const t = useT();
  const locale = useLocale();
  if (days.length === 0) return null;
  const max = niceMax(Math.max(...days.map((day) => Math.max(day.success, day.failure))));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (days.length === 1 ? plotW / 2 : (index * plotW) / (days.length - 1));
  const y = (value: number) => PAD.top + plotH - (value / max) * plotH;
  const points = (key: "success" | "failure") =>
    days.map((day, index) => `${x(index).toFixed(1)},${y(day[key]).toFixed(1)}`).join(" ");
  const first = days[0].day;
  const last = days[days.length - 1].day;
  const totals = days.reduce(
    (sum, day) => ({ success: sum.success + day.success, failure: sum.failure + day.failure }),
    {
      success: 0,
      failure: 0,
    },
  );
  const topSuccess = busiest(days, "success");
  const topFailure = busiest(days, "failure");
  const ticks = [0, max / 2, max];
  const labelled = [0, Math.floor((days.length - 1) / 2), days.length - 1];
  return (
    <section aria-labelledby="chart-title" className="admin-section admin-chart">
      <h2 id="chart-title">{t("admin.chart.title")}</h2>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="chart-svg-title chart-svg-desc"
        className="chart"
        focusable="false"
      >
        <title id="chart-svg-title">{t("admin.chart.svgTitle", { from: first, to: last })}</title>
        <desc id="chart-svg-desc">
          {t("admin.chart.desc", {
            success: totals.success,
            failure: totals.failure,
            maxSuccess: topSuccess.success,
            maxSuccessDay: topSuccess.day,
            maxFailure: topFailure.failure,
            maxFailureDay: topFailure.day,
          })}
        </desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="chart-label">
              {formatNumber(tick, locale)}
            </text>
          </g>
        ))}
        {labelled.map((index) => (
          <text
            key={index}
            x={x(index)}
            y={HEIGHT - 12}
            textAnchor={index === 0 ? "start" : index === days.length - 1 ? "end" : "middle"}
            className="chart-label"
          >
            {days[index].day.slice(5)}
          </text>
        ))}
        <polyline points={points("success")} className="chart-line chart-success" />
        <polyline points={points("failure")} className="chart-line chart-failure" />
        {days.map((day, index) => (
          <g key={day.day}>
            <circle cx={x(index)} cy={y(day.success)} r={3.5} className="chart-point chart-success" />
            <rect x={x(index) - 3} y={y(day.failure) - 3} width={6} height={6} className="chart-point chart-failure" />
          </g>
        ))}
      </svg>
      <ul className="chart-legend">
        <li>
          <svg width="28" height="12" aria-hidden="true" focusable="false">
            <line x1="0" x2="28" y1="6" y2="6" className="chart-line chart-success" />
            <circle cx="14" cy="6" r="3.5" className="chart-point chart-success" />
          </svg>{" "}
          {t("admin.chart.success")}
        </li>
        <li>
          <svg width="28" height="12" aria-hidden="true" focusable="false">
            <line x1="0" x2="28" y1="6" y2="6" className="chart-line chart-failure" />
            <rect x="11" y="3" width="6" height="6" className="chart-point chart-failure" />
          </svg>{" "}
          {t("admin.chart.failure")}
        </li>
      </ul>
      <details className="chart-data">
        <summary>{t("admin.chart.tableSummary")}</summary>
        <div className="table-scroll" role="region" aria-label={t("admin.chart.caption")} tabIndex={0}>
          <table className="admin-table">
            <caption>{t("admin.chart.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.chart.day")}</th>
                <th scope="col">{t("admin.chart.successCol")}</th>
                <th scope="col">{t("admin.chart.failureCol")}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.day}>
                  <th scope="row">
                    <time dateTime={day.day}>{day.day}</time>
                  </th>
                  <td>{formatNumber(day.success, locale)}</td>
                  <td>{formatNumber(day.failure, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
