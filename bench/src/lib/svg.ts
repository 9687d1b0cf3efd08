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
