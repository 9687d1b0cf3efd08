import type { ReportSku } from '@entra-licensing/licensing';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the seat chart draws: bars, grid, legend, aria, the SVG renderer (less to load than all of ECharts).
echarts.use([BarChart, GridComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** The colours of the seat states, chosen to read on a light and a dark page alike (and in print). */
export const SEAT_COLORS = {
  consumed: '#3b82f6',
  available: '#22c55e',
  warning: '#f59e0b',
  suspended: '#f97316',
  lockedOut: '#94a3b8',
  backlog: '#ef4444',
} as const;

const LABELS: Record<keyof typeof SEAT_COLORS, string> = {
  consumed: 'Consumed',
  available: 'Free',
  warning: 'Grace period',
  suspended: 'Suspended',
  lockedOut: 'Locked out',
  backlog: 'Waiting',
};

/**
 * A SKU's seats as an inline SVG, drawn at build time by ECharts' server-side renderer (no script, no network at
 * view time). Two bars: the seats bought (consumed, free, then warning / suspended / locked-out units) and the
 * demand (consumed plus the members waiting for a seat).
 */
export function seatChartSvg(sku: ReportSku, width = 640, height = 150): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const bar = (key: keyof typeof SEAT_COLORS, seats: number, demand: number) => ({
    name: LABELS[key],
    type: 'bar' as const,
    stack: 'seats',
    barWidth: 22,
    itemStyle: { color: SEAT_COLORS[key] },
    label: { show: false },
    data: [seats, demand],
  });
  const free = Math.max(0, sku.enabled - sku.consumed);
  chart.setOption({
    animation: false,
    aria: { enabled: true, label: { description: `Seats of ${sku.productName}` } },
    grid: { left: 70, right: 16, top: 34, bottom: 24 },
    legend: { top: 0, left: 0, itemGap: 16, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { fontSize: 11 },
      splitLine: { lineStyle: { color: 'rgba(128, 128, 128, 0.25)' } },
    },
    yAxis: {
      type: 'category',
      data: ['Seats', 'Demand'],
      inverse: true,
      axisLabel: { fontSize: 11 },
      axisLine: { lineStyle: { color: 'rgba(128, 128, 128, 0.6)' } },
    },
    series: [
      bar('consumed', sku.consumed, sku.consumed),
      bar('available', free, 0),
      bar('warning', sku.warning, 0),
      bar('suspended', sku.suspended, 0),
      bar('lockedOut', sku.lockedOut, 0),
      bar('backlog', 0, sku.backlog.members),
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
