import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionEvent } from '@gosight/shared';
import type { ReplayController } from '../player/ReplayController.js';
import { INITIAL_VIEW, type PlayerView } from './playerView.js';
import { runPlayerCommand } from './runPlayerCommand.js';

const START = 1_700_000_000_000;
const base = { chunkIndex: 0, label: 'x', severity: 'error' as const };
const events: SessionEvent[] = [
  { ...base, id: 'e1', kind: 'error', timestamp: START + 1_000, level: 'error', message: 'a' },
  { ...base, id: 'r1', kind: 'rage_click', timestamp: START + 2_000, x: 1, y: 1, nodeId: 3, count: 3 },
  { ...base, id: 'e2', kind: 'error', timestamp: START + 3_000, level: 'error', message: 'b' },
];

function setup(currentMs: number, speed = 1) {
  const calls: string[] = [];
  const controller = {
    getSnapshot: () => ({ startedAt: START, speed, skipInactive: true }),
    currentTime: () => currentMs,
    togglePlay: () => calls.push('togglePlay'),
    seekBy: async (delta: number) => void calls.push(`seekBy(${delta})`),
    setSpeed: (value: number) => calls.push(`setSpeed(${value})`),
    setSkipInactive: (on: boolean) => calls.push(`setSkipInactive(${on})`),
  } as unknown as ReplayController;
  let view: PlayerView = INITIAL_VIEW;
  const jumps: string[] = [];
  const target = {
    controller,
    events,
    updateView: (change: (view: PlayerView) => PlayerView) => (view = change(view)),
    toggleFullscreen: () => calls.push('fullscreen'),
    copyLink: () => calls.push('copyLink'),
    jumpTo: (event: SessionEvent) => jumps.push(event.id),
  };
  return { target, calls, jumps, view: () => view };
}

test('next error and next rage click jump to the next one after the playhead and open its panel', () => {
  const { target, jumps, view } = setup(1_500);
  runPlayerCommand({ type: 'nextError' }, target);
  assert.deepEqual(jumps, ['e2']);
  assert.equal(view().panel, 'console');
  runPlayerCommand({ type: 'nextRageClick' }, target);
  assert.deepEqual(jumps, ['e2', 'r1']);
  assert.equal(view().panel, 'events');
  const atEnd = setup(3_000);
  runPlayerCommand({ type: 'nextError' }, atEnd.target);
  assert.deepEqual(atEnd.jumps, [], 'nothing after the last one');
});

test('playback, speed and view commands reach the controller and the view', () => {
  const { target, calls, view } = setup(0, 2);
  runPlayerCommand({ type: 'togglePlay' }, target);
  runPlayerCommand({ type: 'seekBy', deltaMs: -5_000 }, target);
  runPlayerCommand({ type: 'stepSpeed', direction: 1 }, target);
  runPlayerCommand({ type: 'toggleSkipInactive' }, target);
  runPlayerCommand({ type: 'toggleFullscreen' }, target);
  runPlayerCommand({ type: 'copyLink' }, target);
  assert.deepEqual(calls, ['togglePlay', 'seekBy(-5000)', 'setSpeed(4)', 'setSkipInactive(false)', 'fullscreen', 'copyLink']);
  runPlayerCommand({ type: 'toggleInspect' }, target);
  assert.deepEqual([view().inspecting, view().devtools, view().panel], [true, true, 'inspect']);
  runPlayerCommand({ type: 'toggleDevtools' }, target);
  assert.deepEqual([view().devtools, view().inspecting], [false, false], 'hiding devtools stops inspecting');
  runPlayerCommand({ type: 'toggleTimeline' }, target);
  runPlayerCommand({ type: 'toggleHelp' }, target);
  assert.deepEqual([view().timeline, view().help], [false, true]);
});
