import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createModuleLoader } from './moduleLoader.js';

test('imports once, then hands the module out synchronously', async () => {
  let imports = 0;
  const loader = createModuleLoader(async () => {
    imports += 1;
    return 'Player';
  });
  assert.equal(loader.loaded(), null);
  const [a, b] = await Promise.all([loader.load(), loader.load()]);
  assert.equal(a, 'Player');
  assert.equal(b, 'Player');
  assert.equal(imports, 1);
  assert.equal(loader.loaded(), 'Player');
});
