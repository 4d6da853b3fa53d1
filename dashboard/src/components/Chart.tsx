import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  color: string;
  /** Axis scale: "y" (left) or "y2" (right). */
  scale?: "y" | "y2";
  dash?: number[];
  format?: (v: number) => string;
  /** Draw points only, no line (e.g. one value per phase). */
  points?: boolean;
  /** Draw a step line that holds each value until the next x (an empirical distribution). */
  stepped?: boolean;
}

interface Props {
  title: string;
  xLabel: string;
  series: ChartSeries[];
  /** x values followed by one array per series (null for gaps). */
  data: [number[], ...(number | null)[][]];
  yLabel?: string;
  y2Label?: string;
  height?: number;
  testId?: string;
  /** Vertical marker lines at these x values (e.g. phase boundaries). */
  markers?: number[];
  /** Show the left / right axis values as percentages. */
  yPercent?: boolean;
  y2Percent?: boolean;
}

const percentTicks = (_u: uPlot, values: number[]) => values.map((v) => `${+(v * 100).toFixed(2)}%`);
// Iterations are whole numbers: never put a tick at 2.5.
const wholeIncrements = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000, 100000];

/** A uPlot line chart that is created once and fed new data in place, so live updates do not flicker. */
export function Chart({ title, xLabel, series, data, yLabel, y2Label, height = 260, testId, markers, yPercent, y2Percent }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const markerRef = useRef<number[] | undefined>(markers);
  markerRef.current = markers;
  const shape = series.map((s) => s.label).join("|");

  useEffect(() => {
    const el = host.current!;
    const hasY2 = series.some((s) => s.scale === "y2");
    const opts: uPlot.Options = {
      title,
      width: Math.max(200, el.clientWidth),
      height,
      scales: { x: { time: false }, y: { auto: true }, y2: { auto: true } },
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      series: [
        { label: xLabel },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          dash: s.dash,
          scale: s.scale ?? "y",
          spanGaps: false,
          ...(s.points ? { paths: () => null, points: { show: true, size: 9, fill: s.color } } : {}),
          ...(s.stepped ? { paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } } : {}),
          value: (_u: uPlot, v: number | null) => (v === null ? "—" : s.format ? s.format(v) : v.toFixed(4)),
        })),
      ],
      axes: [
        { label: xLabel, stroke: "#8a94a6", grid: { stroke: "#2a3242" }, incrs: wholeIncrements },
        { label: yLabel, scale: "y", stroke: "#8a94a6", grid: { stroke: "#2a3242" }, size: 60, values: yPercent ? percentTicks : undefined },
        ...(hasY2
          ? [{ label: y2Label, scale: "y2", side: 1 as const, stroke: "#8a94a6", grid: { show: false }, size: 60, values: y2Percent ? percentTicks : undefined }]
          : []),
      ],
      hooks: {
        draw: [
          (u: uPlot) => {
            const xs = markerRef.current;
            if (!xs?.length) return;
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = "rgba(160,170,190,0.35)";
            ctx.setLineDash([4, 4]);
            for (const x of xs) {
              const px = Math.round(u.valToPos(x, "x", true));
              ctx.beginPath();
              ctx.moveTo(px, u.bbox.top);
              ctx.lineTo(px, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
    const p = new uPlot(opts, data as uPlot.AlignedData, el);
    plot.current = p;
    const resize = new ResizeObserver(() => p.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      p.destroy();
      plot.current = null;
    };
    // Rebuilt only when the set of series changes; data updates go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, title, height]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return <div class="chart" ref={host} data-testid={testId} data-points={data[0].length} />;
}
