import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PartJoiner, readPart, splitMessage } from './message-parts.js';

test('a small message is one record; a large one splits and joins back byte-exact', () => {
  const small = Buffer.from('{"v":1}\nbody');
  assert.deepEqual(splitMessage(small, 1000, 'a'), [small]);
  assert.equal(readPart(small), undefined);

  const big = randomBytes(10_000);
  const parts = splitMessage(big, 1_000, 'msg-1');
  assert.ok(parts.length >= 10);
  assert.ok(parts.every((p) => p.length <= 1_000));
  const joiner = new PartJoiner();
  let whole: { value: Buffer; firstOffset: number } | undefined;
  parts.forEach((p, i) => {
    const part = readPart(p)!;
    const r = joiner.add(3, 100 + i, part.header, part.slice);
    if (i < parts.length - 1) {
      assert.equal(r, undefined);
      assert.equal(joiner.lowestPendingOffset(3), 100, 'commits held at the first part');
    } else whole = r;
  });
  assert.ok(whole);
  assert.ok(whole.value.equals(big));
  assert.equal(whole.firstOffset, 100);
  assert.equal(joiner.lowestPendingOffset(3), undefined);
});

test('a tail whose head was already consumed is ignored; revoked partitions are forgotten', () => {
  const parts = splitMessage(randomBytes(3_000), 1_000, 'm');
  const joiner = new PartJoiner();
  const tail = readPart(parts[1])!;
  assert.equal(joiner.add(0, 5, tail.header, tail.slice), undefined);
  assert.equal(joiner.lowestPendingOffset(0), undefined);
  const head = readPart(parts[0])!;
  joiner.add(1, 9, head.header, head.slice);
  joiner.forgetPartitions((p) => p !== 1);
  assert.equal(joiner.lowestPendingOffset(1), undefined);
});
