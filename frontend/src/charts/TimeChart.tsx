import { formatTick, linearScale, niceTicks, timeTicks } from './scale';

export interface Series {
  name: string;
  points: { time: number; value: number }[];
}

// Drawn at about its own size in a third of the page, so the axis text stays legible.
const WIDTH = 420;
const HEIGHT = 200;
const MARGIN = { top: 12, right: 12, bottom: 26, left: 66 };
// Distinguishable on white and for the common colour-vision deficiencies (Okabe-Ito).
export const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

/**
 * Series over time as an SVG (role="img", named by `title`): one series draws bars, several draw
 * lines with a legend. Each point has a <title> tooltip with its value.
 */
export function TimeChart(props: {
  title: string;
  series: Series[];
  from: number;
  to: number;
  format?: (value: number) => string;
}) {
  const format = props.format ?? ((v: number) => String(v));
  const max = Math.max(0, ...props.series.flatMap((s) => s.points.map((p) => p.value)));
  const ticks = niceTicks(max);
  const x = linearScale([props.from, props.to], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale([0, ticks[ticks.length - 1]], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const span = props.to - props.from;
  const empty = props.series.every((s) => s.points.length === 0);
  const bars = props.series.length === 1;
  const pointCount = Math.max(1, ...props.series.map((s) => s.points.length));
  const barWidth = Math.max(
    2,
    Math.min(24, ((WIDTH - MARGIN.left - MARGIN.right) / pointCount) * 0.7),
  );

  return (
    <figure className="chart">
      <svg
        role="img"
        aria-label={props.title}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{props.title}</title>
        {ticks.map((t) => (
          <g key={`y${t}`}>
            <line className="grid" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} />
            <text className="axis" x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end">
              {format(t)}
            </text>
          </g>
        ))}
        {timeTicks(props.from, props.to).map((t) => (
          <text key={`x${t}`} className="axis" x={x(t)} y={HEIGHT - 8} textAnchor="middle">
            {formatTick(t, span)}
          </text>
        ))}
        {props.series.map((s, index) => {
          const color = COLORS[index % COLORS.length];
          if (bars) {
            return (
              <g key={s.name} fill={color}>
                {s.points.map((p) => (
                  <rect
                    key={p.time}
                    x={x(p.time) - barWidth / 2}
                    y={y(p.value)}
                    width={barWidth}
                    height={Math.max(0, y(0) - y(p.value))}
                  >
                    <title>{`${new Date(p.time).toISOString()}: ${format(p.value)}`}</title>
                  </rect>
                ))}
              </g>
            );
          }
          const sorted = [...s.points].sort((a, b) => a.time - b.time);
          return (
            <g key={s.name}>
              <polyline
                fill="none"
                stroke={color}
                strokeWidth={2}
                points={sorted.map((p) => `${x(p.time)},${y(p.value)}`).join(' ')}
              />
              {sorted.map((p) => (
                <circle key={p.time} cx={x(p.time)} cy={y(p.value)} r={3} fill={color}>
                  <title>{`${s.name} ${new Date(p.time).toISOString()}: ${format(p.value)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
        {empty && (
          <text className="axis" x={WIDTH / 2} y={HEIGHT / 2} textAnchor="middle">
            No data in this range
          </text>
        )}
      </svg>
      <figcaption>
        {props.title}
        {props.series.length > 1 && (
          <ul className="legend">
            {props.series.map((s, index) => (
              <li key={s.name}>
                <span
                  className="swatch"
                  style={{ background: COLORS[index % COLORS.length] }}
                  aria-hidden="true"
                />
                {s.name}
              </li>
            ))}
          </ul>
        )}
      </figcaption>
    </figure>
  );
}
