import { passes, type FidelityReport } from './suite.js';

/** The fidelity table: one row per checkpoint, the pixel difference in each scenario. */
export function formatFidelityTable(report: FidelityReport): string {
  const [up, gone] = report.scenarios;
  const rows = up.checkpoints.map((c, i) => {
    const other = gone?.checkpoints.find((g) => g.page === c.page && g.checkpoint === c.checkpoint) ?? gone?.checkpoints[i];
    const cell = (r: typeof c | undefined) => (r ? `${(r.ratio * 100).toFixed(3)}%${r.blank ? ' blank' : ''}${passes(r) ? '' : ' FAIL'}` : '-');
    return [`${c.page} ${c.checkpoint}`, cell(c), cell(other)];
  });
  const header = ['checkpoint', 'site up', 'site gone'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  const total = (s: typeof up | undefined) => (s ? `${s.checkpoints.filter(passes).length}/${s.checkpoints.length}` : '-');
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    line(['passing (<= 1%)', total(up), total(gone)]),
    `seek state = play-through state: ${up.checkpoints.length - report.seekMismatches.length}/${up.checkpoints.length}`,
    '',
    'captured assets per session:',
    ...report.assetStorage.perSession.map((s) => `  ${s.path.padEnd(18)} ${String(s.assets).padStart(3)} assets ${(s.bytes / 1024).toFixed(1).padStart(7)} KiB`),
    `  referenced by all sessions ${(report.assetStorage.referencedBytes / 1024).toFixed(1)} KiB, stored once ${(report.assetStorage.storedBytes / 1024).toFixed(1)} KiB: deduplication ${(report.assetStorage.referencedBytes / Math.max(1, report.assetStorage.storedBytes)).toFixed(2)}x`,
  ].join('\n');
}

/** The first line where two DOM states differ, for a readable failure. */
export function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) return `line ${i + 1}: seek ${JSON.stringify(left[i]?.trim())} vs play-through ${JSON.stringify(right[i]?.trim())}`;
  }
  return 'identical';
}
