import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { passes, runFidelitySuite } from './support/fidelity/suite.js';
import { formatFidelityTable, firstDifference } from './support/fidelity/report.js';

const OUT_DIR = fileURLToPath(new URL('../test-results/fidelity/', import.meta.url));

test('fidelity suite: every page replays pixel for pixel, with its site up and gone, and a seek shows the play-through state', { timeout: 600_000 }, async () => {
  const report = await runFidelitySuite(OUT_DIR, (line) => console.log(line));
  console.log(formatFidelityTable(report));
  assert.ok(report.pages.length >= 8, 'at least eight pages');
  for (const scenario of report.scenarios) {
    const failing = scenario.checkpoints.filter((c) => !passes(c)).map((c) => `${c.page} ${c.checkpoint}: ${(c.ratio * 100).toFixed(2)}%${c.blank ? ' (blank)' : ''}`);
    assert.deepEqual(failing, [], `${scenario.scenario}: checkpoints over 1% (screenshots in ${OUT_DIR})`);
  }
  const up = report.scenarios[0];
  assert.deepEqual(up.siteRequests, [], 'watching replays asks the recorded site for nothing');
  assert.deepEqual(report.seekMismatches.map((m) => `${m.page} ${m.checkpoint}: ${firstDifference(m.seek, m.playThrough)}`), [], 'seek state equals play-through state');
});
