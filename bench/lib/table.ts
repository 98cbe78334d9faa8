// A readable rendering of a report for a terminal: per scenario its figures, then each comparison with
// its ratio, target and whether it was met.

import type { BenchReport } from './report.js';

function format(value: number | null): string {
  if (value === null) return '—';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(value);
}

function pad(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  return rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd());
}

export function renderTable(report: BenchReport): string {
  const m = report.machine;
  const lines = [`Kurator benchmarks (${report.size}) on ${m.cores} cores, ${m.memoryGiB} GiB, ${m.cpuModel}, Node ${m.node}, load ${m.loadAverage1m}`];
  for (const s of report.scenarios) {
    lines.push('', `${s.name}: ${s.what}${s.error ? `  [FAILED: ${s.error}]` : ''}`);
    if (s.figures.length) lines.push(...pad(s.figures.map((f) => ['  ' + f.name, format(f.value), f.unit])));
    if (s.comparisons.length) {
      lines.push(
        ...pad([
          ['  comparison', 'ours', 'reference', 'ratio', 'target', ''],
          ...s.comparisons.map((c) => ['  ' + c.name, format(c.ours), format(c.reference), format(c.ratio), c.target, c.met ? 'met' : 'MISSED']),
        ]),
      );
    }
  }
  return lines.join('\n') + '\n';
}
