/** A small horizontal bar chart as hand-written SVG (no chart library). */
export interface BarChart {
  title: string;
  unit: string;
  bars: { label: string; value: number }[];
  reference?: { value: number; label: string };
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

export function barChart(chart: BarChart): string {
  const width = 760;
  const labelWidth = 330;
  const barArea = width - labelWidth - 90;
  const rowHeight = 30;
  const top = 40;
  const height = top + chart.bars.length * rowHeight + 30;
  const finite = chart.bars.map((b) => b.value).filter(Number.isFinite);
  const max = Math.max(...finite, chart.reference?.value ?? 0, 1e-9);
  const x = (v: number) => labelWidth + (Math.max(0, v) / max) * barArea;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="600">${escapeXml(chart.title)}</text>`,
  ];
  chart.bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    const value = Number.isFinite(bar.value) ? bar.value : 0;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 19}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 5}" width="${(x(value) - labelWidth).toFixed(1)}" height="${rowHeight - 10}" fill="${i === 0 ? '#2f6fdb' : '#9aa7b8'}"/>`,
      `<text x="${(x(value) + 6).toFixed(1)}" y="${y + 19}">${escapeXml(Number.isFinite(bar.value) ? `${value.toFixed(value >= 100 ? 0 : 1)} ${chart.unit}` : 'n/a')}</text>`,
    );
  });
  if (chart.reference) {
    const rx = x(chart.reference.value).toFixed(1);
    parts.push(
      `<line x1="${rx}" y1="${top - 4}" x2="${rx}" y2="${height - 24}" stroke="#d33" stroke-dasharray="4 3"/>`,
      `<text x="${rx}" y="${height - 8}" text-anchor="middle" fill="#d33">${escapeXml(chart.reference.label)} ${chart.reference.value.toFixed(1)} ${chart.unit}</text>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Per-second counts of one run, drawn as a panel of the timeline chart. */
export interface TimelinePanel {
  label: string;
  /** Series drawn as lines, one value per second from the run's start. */
  series: { name: string; color: string; perSecond: number[] }[];
}

/** Stacked panels of per-second series on a shared time axis (e.g. write requests and 429s per second). */
export function timelineChart(chart: { title: string; panels: TimelinePanel[]; unit: string }): string {
  const width = 900;
  const left = 50;
  const right = 20;
  const panelHeight = 150;
  // Each panel's label and, below it, its legend.
  const gap = 56;
  const top = 56;
  const seconds = Math.max(1, ...chart.panels.flatMap((p) => p.series.map((s) => s.perSecond.length)));
  const max = Math.max(1, ...chart.panels.flatMap((p) => p.series.flatMap((s) => s.perSecond)));
  const height = top + chart.panels.length * (panelHeight + gap) + 10;
  const x = (t: number) => left + (t / seconds) * (width - left - right);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="600">${escapeXml(chart.title)}</text>`,
  ];
  chart.panels.forEach((panel, i) => {
    const y0 = top + i * (panelHeight + gap) + 18;
    const y = (v: number) => y0 + panelHeight - (v / max) * panelHeight;
    parts.push(
      `<text x="${left}" y="${y0 - 22}" font-weight="600">${escapeXml(panel.label)}</text>`,
      `<line x1="${left}" y1="${y0 + panelHeight}" x2="${width - right}" y2="${y0 + panelHeight}" stroke="#888"/>`,
      `<line x1="${left}" y1="${y0}" x2="${left}" y2="${y0 + panelHeight}" stroke="#888"/>`,
      `<text x="${left - 6}" y="${y0 + 4}" text-anchor="end">${max}</text>`,
      `<text x="${left - 6}" y="${y0 + panelHeight + 4}" text-anchor="end">0</text>`,
      `<text x="${width - right}" y="${y0 + panelHeight + 14}" text-anchor="end">${seconds} s</text>`,
    );
    panel.series.forEach((series, j) => {
      const points = series.perSecond.map((v, t) => `${x(t + 0.5).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      parts.push(
        `<polyline fill="none" stroke="${series.color}" stroke-width="1.5" points="${points}"/>`,
        `<text x="${left + j * 95}" y="${y0 - 6}" fill="${series.color}">${escapeXml(series.name)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Per-second counts of the log entries that `matches`, from `startMs` on. */
export function perSecond(times: readonly number[], startMs: number, seconds: number): number[] {
  const out = new Array<number>(Math.max(0, seconds)).fill(0);
  for (const t of times) {
    const i = Math.floor((t - startMs) / 1000);
    if (i >= 0 && i < out.length) out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}
