import Button from '@atlaskit/button/new';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fileName } from './exportData';
import { download, downloadCsv } from './exports';
import './table.css';
import { DrillButton } from './Drill';

/**
 * A chart drawn with uPlot on a canvas, coloured from the design tokens (so it follows light and dark),
 * with what a canvas cannot give: a data-table alternative for keyboard and screen-reader users, a PNG
 * and a CSV download.
 */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A design token name, e.g. 'color.chart.blue.bold'. */
  color: string;
  kind: 'bar' | 'line';
  /** Dashed (a reference such as the previous period). */
  dashed?: boolean;
}

export interface ChartProps {
  title: string;
  /** One label per point on the x axis. */
  labels: string[];
  series: ChartSeries[];
  /** A sentence for screen readers saying what the chart shows. */
  summary: string;
  height?: number;
  /** Formats a value for the axis, the tooltip and the table. */
  format?: (v: number) => string;
  /** A horizontal reference line (e.g. a target), with its label. */
  reference?: { value: number; label: string; color: string };
  /**
   * Opens what lies behind a point (its index): a click on the chart at that point, or the point's
   * value in the table alternative, which keyboard users reach.
   */
  onPick?: (index: number) => void;
  /** Names what a pick opens, for assistive technology: "Show the items done in the week of 5 Oct". */
  pickLabel?: (index: number) => string;
  testId?: string;
}

/** The current value of a design token (canvas drawing needs colours, not CSS variables). */
function tokenColor(name: string, fallback: string): string {
  const variable = /var\((--[\w-]+)/.exec(token(name as Parameters<typeof token>[0]))?.[1];
  const value = variable ? getComputedStyle(document.documentElement).getPropertyValue(variable).trim() : '';
  return value || fallback;
}

/** Re-renders when the host switches between light and dark. */
function useColorMode(): string {
  const [mode, setMode] = useState(() => document.documentElement.dataset.colorMode ?? 'light');
  useEffect(() => {
    const observer = new MutationObserver(() =>
      setMode(document.documentElement.dataset.colorMode ?? 'light'),
    );
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-color-mode', 'class', 'style'],
    });
    return () => observer.disconnect();
  }, []);
  return mode;
}

export function Chart(props: ChartProps) {
  const {
    title,
    labels,
    series,
    summary,
    height = 180,
    format = (v) => String(Math.round(v * 10) / 10),
  } = props;
  const holder = useRef<HTMLDivElement>(null);
  // The latest pick handler, read on click: a new handler does not redraw the chart.
  const pickRef = useRef(props.onPick);
  pickRef.current = props.onPick;
  const plot = useRef<uPlot | null>(null);
  const [showTable, setShowTable] = useState(false);
  const mode = useColorMode();
  // The chart is redrawn when its width changes noticeably, so axis labels are chosen for the new width.
  const [widthBucket, setWidthBucket] = useState(0);
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidthBucket(Math.round(element.clientWidth / 40)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const text = tokenColor('color.text.subtle', '#44546f');
    const grid = tokenColor('color.border', '#091e4224');
    const bars = uPlot.paths.bars!({ size: [0.7, 48], gap: 2 });
    const data: uPlot.AlignedData = [labels.map((_, i) => i), ...series.map((s) => s.values)];
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      legend: { show: series.length > 1 },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: {
        x: { time: false, range: [-0.5, labels.length - 0.5] },
        y: {
          range: (_u, min, max) => [
            Math.min(0, min),
            Math.max(max * 1.1, props.reference ? props.reference.value * 1.1 : 0, 1),
          ],
        },
      },
      axes: [
        {
          ...axis,
          splits: () => labels.map((_, i) => i),
          values: (_u, splits) => {
            // Every label when they fit, else every n-th; a label longer than its slot is shortened.
            const slot = element.clientWidth / Math.max(1, labels.length);
            const step = Math.max(1, Math.ceil(80 / slot));
            const room = Math.max(4, Math.floor((slot * step) / 8) - 2);
            return splits.map((i) => {
              const label = i % step === 0 ? (labels[i] ?? '') : '';
              return label.length > room ? `${label.slice(0, room - 1)}…` : label;
            });
          },
          grid: { show: false },
        },
        {
          ...axis,
          values: (_u, splits) => splits.map(format),
          // Wide enough for the longest tick label (about 8 px a character, with room to spare).
          size: (_u, values) => Math.max(40, ...(values ?? []).map((v) => String(v).length * 8 + 18)),
        },
      ],
      series: [
        { label: 'x' },
        ...series.map((s) => {
          const color = tokenColor(s.color, '#1d7afc');
          return s.kind === 'bar'
            ? {
                label: s.label,
                stroke: color,
                fill: color,
                width: 0,
                paths: bars,
                value: (_u: uPlot, v: number | null) => (v === null ? '–' : format(v)),
              }
            : {
                label: s.label,
                stroke: color,
                width: 2,
                dash: s.dashed ? [6, 4] : undefined,
                points: { show: true, size: 5 },
                value: (_u: uPlot, v: number | null) => (v === null ? '–' : format(v)),
              };
        }),
      ],
      hooks: props.reference
        ? {
            draw: [
              (u) => {
                const ref = props.reference!;
                const y = u.valToPos(ref.value, 'y', true);
                const ctx = u.ctx;
                ctx.save();
                ctx.strokeStyle = tokenColor(ref.color, '#e2483d');
                ctx.setLineDash([4, 4]);
                ctx.lineWidth = 1.5 * devicePixelRatio;
                ctx.beginPath();
                ctx.moveTo(u.bbox.left, y);
                ctx.lineTo(u.bbox.left + u.bbox.width, y);
                ctx.stroke();
                ctx.fillStyle = tokenColor(ref.color, '#e2483d');
                ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
                const width = ctx.measureText(ref.label).width;
                ctx.fillText(
                  ref.label,
                  u.bbox.left + u.bbox.width - width - 4 * devicePixelRatio,
                  y - 4 * devicePixelRatio,
                );
                ctx.restore();
              },
            ],
          }
        : {},
    };
    const u = new uPlot(options, data, element);
    plot.current = u;
    const pick = pickRef.current;
    if (pick) {
      u.over.style.cursor = 'pointer';
      u.over.addEventListener('click', () => {
        const index = u.cursor.idx;
        if (index !== null && index !== undefined) pickRef.current?.(index);
      });
    }
    const canvas = element.querySelector('canvas');
    canvas?.setAttribute('role', 'img');
    canvas?.setAttribute('aria-label', summary);
    const observer = new ResizeObserver(() =>
      u.setSize({ width: Math.max(200, element.clientWidth), height }),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [labels, series, height, mode, summary, props.reference, format, widthBucket]);

  const savePng = () => {
    const u = plot.current;
    if (!u) return;
    const source = u.ctx.canvas;
    const pad = 16 * devicePixelRatio;
    const out = document.createElement('canvas');
    out.width = source.width + 2 * pad;
    out.height = source.height + 3 * pad;
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = tokenColor('elevation.surface', '#ffffff');
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = tokenColor('color.text', '#172b4d');
    ctx.font = `600 ${14 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.fillText(title, pad, pad + 10 * devicePixelRatio);
    ctx.drawImage(source, pad, 2 * pad);
    download(fileName(title, 'png'), out.toDataURL('image/png'));
  };

  const header = ['', ...series.map((s) => s.label)];
  const rows = labels.map((label, i) => [label, ...series.map((s) => s.values[i] ?? null)]);
  return (
    <Stack space="space.050" testId={props.testId}>
      <div ref={holder} className="pmo-chart" aria-hidden={showTable ? 'true' : undefined} />
      <Inline space="space.050" shouldWrap>
        <Button
          appearance="subtle"
          spacing="compact"
          onClick={() => setShowTable((v) => !v)}
          aria-expanded={showTable}
        >
          {showTable ? 'Hide table' : 'Show as table'}
        </Button>
        <Button appearance="subtle" spacing="compact" onClick={savePng}>
          Download PNG
        </Button>
        <Button
          appearance="subtle"
          spacing="compact"
          onClick={() => downloadCsv(fileName(title, 'csv'), header, rows)}
        >
          Download CSV
        </Button>
      </Inline>
      {showTable && (
        <Box>
          <table className="pmo-table" data-testid="chart-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                {header.map((h, i) => (
                  <th key={i} scope="col" className={i > 0 ? 'num' : undefined}>
                    {h || 'Period'}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, ...values], i) => (
                <tr key={i}>
                  <th scope="row">{label}</th>
                  {values.map((v, j) => (
                    <td key={j} className="num">
                      {v === null || v === undefined ? (
                        '–'
                      ) : props.onPick ? (
                        <DrillButton
                          onOpen={() => props.onPick!(i)}
                          label={props.pickLabel?.(i) ?? `Show what ${label} counts`}
                        >
                          {format(Number(v))}
                        </DrillButton>
                      ) : (
                        format(Number(v))
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Box>
      )}
    </Stack>
  );
}
