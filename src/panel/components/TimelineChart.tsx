// Panel UI: the timeline's chart — frames/s and bytes/s per direction, drawn by uPlot (loaded by a dynamic import when
// the chart first mounts, so a panel that never shows the timeline never loads it), with the lifecycle marks, the
// picked time range's band, and a drag that picks a range.
import { effect } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { formatBytes, formatTime } from '../../shared/format';
import type { Store } from '../store';
import type { TimeRange } from '../timeline';
import type { TimelineSeries } from '../timelineBins';

const HEIGHT = 130;

const cssVar = (name: string, fallback: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
const rate = (v: number | null | undefined) => (v == null ? '–' : v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'));
const byteRate = (v: number | null | undefined) => (v == null ? '–' : `${formatBytes(Math.round(v))}/s`);

const eventsText = (...counts: (number | null | undefined)[]) =>
  counts
    .map((n, k) => (n ? `${n} ${['opened', 'closed', 'failed'][k]}` : ''))
    .filter(Boolean)
    .join(' · ') || '–';

/** uPlot's columns: x in seconds, rates per second, and the lifecycle events per bin (marks, not a line). */
function chartData(s: TimelineSeries): uPlot.AlignedData {
  const perSecond = 1000 / s.width;
  const scale = (a: number[]) => a.map((n) => n * perSecond);
  return [
    s.start.map((t) => t / 1000),
    scale(s.sentFrames),
    scale(s.receivedFrames),
    scale(s.sentBytes),
    scale(s.receivedBytes),
    s.opens.map((n, i) => n + s.closes[i] + s.errors[i]),
  ];
}

export function TimelineChart({ store }: { store: Store }) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState('');
  /** Read by uPlot's hooks, which outlive renders: the range picked, and the bins shown (for the lifecycle marks). */
  const rangeRef = useRef<TimeRange | undefined>(store.timeline.range.value);
  const binsRef = useRef<TimelineSeries>();

  useEffect(() => {
    let chart: uPlot | undefined;
    let stop: (() => void) | undefined;
    let observer: ResizeObserver | undefined;
    let gone = false;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')])
      .then(([{ default: UPlot }]) => {
        const el = host.current;
        if (gone || !el) return;
        const sent = cssVar('--sent', '#0b7a0b');
        const received = cssVar('--received', '#b3261e');
        const dim = cssVar('--fg-dim', '#6e6e6e');
        const marks = { open: cssVar('--accent', '#1a73e8'), close: dim, error: received };
        const steps = UPlot.paths.stepped?.({ align: 1 });
        const line = (label: string, scale: string, stroke: string, bytes: boolean): uPlot.Series => ({
          label,
          scale,
          stroke,
          width: 1,
          dash: bytes ? [4, 3] : undefined,
          paths: steps,
          points: { show: false },
          value: (_u, v) => (bytes ? byteRate(v) : rate(v)),
        });
        // One legend entry for the lifecycle marks: what opened, closed or failed in the bin under the cursor.
        const events: uPlot.Series = {
          label: 'events',
          scale: 'marks',
          paths: () => null,
          points: { show: false },
          value: (_u, _v, _s, i) => {
            const b = binsRef.current;
            return i == null || !b ? '–' : eventsText(b.opens[i], b.closes[i], b.errors[i]);
          },
        };
        chart = new UPlot(
          {
            width: Math.max(200, el.clientWidth),
            height: HEIGHT,
            scales: { x: { time: true }, frames: { range: (_u, _min, max) => [0, Math.max(1, max)] }, bytes: { range: (_u, _min, max) => [0, Math.max(1, max)] }, marks: { range: [0, 1] } },
            axes: [
              { stroke: dim, grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { show: false } },
              { scale: 'frames', stroke: dim, size: 44, grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { show: false }, values: (_u, v) => v.map((n) => rate(n)) },
              { scale: 'bytes', side: 1, stroke: dim, size: 64, grid: { show: false }, ticks: { show: false }, values: (_u, v) => v.map((n) => formatBytes(Math.round(n))) },
            ],
            series: [
              { label: 'Time', value: (_u, v) => (v == null ? '–' : formatTime(v * 1000)) },
              line('↑ frames/s', 'frames', sent, false),
              line('↓ frames/s', 'frames', received, false),
              line('↑ bytes/s', 'bytes', sent, true),
              line('↓ bytes/s', 'bytes', received, true),
              events,
            ],
            cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
            legend: { live: true },
            hooks: {
              // A drag picks the range; the chart keeps the whole span, and the range shows as a band (draw below).
              setSelect: [
                (u) => {
                  const { left, width } = u.select;
                  if (width < 2) return;
                  store.timeline.setRange({ from: u.posToVal(left, 'x') * 1000, to: u.posToVal(left + width, 'x') * 1000 });
                  u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
                },
              ],
              draw: [(u) => drawMarks(u, marks, binsRef.current, rangeRef.current)],
            },
          },
          [[], [], [], [], [], []],
          el,
        );
        const c = chart;
        stop = effect(() => {
          const s = store.timeline.series.value;
          rangeRef.current = store.timeline.range.value;
          if (!s) return;
          binsRef.current = s;
          c.setData(chartData(s));
        });
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() => el.clientWidth && c.setSize({ width: el.clientWidth, height: HEIGHT }));
          observer.observe(el);
        }
      })
      .catch((e: unknown) => setFailed(`The chart could not be loaded (${String(e)}).`));
    return () => {
      gone = true;
      stop?.();
      observer?.disconnect();
      chart?.destroy();
    };
  }, [store]);

  return (
    <div class="timeline-chart" ref={host}>
      {failed && <p class="empty">{failed}</p>}
    </div>
  );
}

/** Lifecycle marks (a tick at the top per bin that saw an open, close or error) and the picked time range's band. */
function drawMarks(u: uPlot, colors: { open: string; close: string; error: string }, bins: TimelineSeries | undefined, range: TimeRange | undefined) {
  const { ctx, bbox } = u;
  const xs = u.data[0];
  ctx.save();
  if (range) {
    const a = Math.max(bbox.left, u.valToPos(range.from / 1000, 'x', true));
    const b = Math.min(bbox.left + bbox.width, u.valToPos(range.to / 1000, 'x', true));
    ctx.fillStyle = 'rgba(26,115,232,0.15)';
    if (b > a) ctx.fillRect(a, bbox.top, b - a, bbox.height);
  }
  const kinds: [number[], string][] = bins
    ? [
        [bins.opens, colors.open],
        [bins.closes, colors.close],
        [bins.errors, colors.error],
      ]
    : [];
  const px = devicePixelRatio || 1;
  for (const [counts, color] of kinds) {
    ctx.fillStyle = color;
    for (let i = 0; i < xs.length; i++) {
      if (!counts[i]) continue;
      const x = u.valToPos(xs[i], 'x', true);
      ctx.fillRect(Math.round(x), bbox.top, Math.max(1, px), bbox.height);
    }
  }
  ctx.restore();
}
