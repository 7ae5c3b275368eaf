import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { selectForPrune, type PruneRules } from '../../src/operations/prune.js';
import { RefusedError } from '../../src/errors.js';
import type { TargetBranch } from '../../src/targets/target.js';

const now = new Date('2026-12-01T12:00:00Z');
const branch = (name: string, gitBranch: string, extra: Partial<TargetBranch> = {}): TargetBranch => ({
  name,
  gitBranch,
  isDefault: false,
  lastUpdatedAt: '2026-11-01T00:00:00Z',
  raw: {},
  ...extra,
});
const rules = (gitBranches: string[], extra: Partial<PruneRules> = {}): PruneRules => ({
  gitBranches: new Set(gitBranches),
  repository: 'acme/defs',
  minAgeHours: 24,
  ignore: [],
  now,
  ...extra,
});
const removed = (verdicts: ReturnType<typeof selectForPrune>) => verdicts.filter(v => v.remove).map(v => v.branch.name);

describe('prune selection', () => {
  const root = branch('demo.main', 'main', { isDefault: true });

  test('removes only branches whose git branch is gone, and says why each one stays', () => {
    const verdicts = selectForPrune(
      [root, branch('demo.gone', 'gone'), branch('demo.alive', 'alive'), branch('demo.orphan', ''), branch('demo.dependabot_x', 'dependabot/x')],
      rules(['main', 'alive'], { ignore: ['dependabot/**'] }),
    );
    assert.deepEqual(removed(verdicts), ['demo.gone']);
    assert.deepEqual(
      verdicts.map(v => `${v.branch.name}: ${v.why}`),
      ['demo.main: default branch', 'demo.gone: git branch is gone', 'demo.alive: git branch exists', 'demo.orphan: follows no git branch', 'demo.dependabot_x: ignored'],
    );
  });

  test('keeps a branch updated within prune-min-age-hours; a time without a zone is UTC', () => {
    const recent = branch('demo.recent', 'recent', { lastUpdatedAt: '2026-12-01T01:00:00' });
    const old = branch('demo.old', 'old', { lastUpdatedAt: '2026-11-30T11:00:00' });
    const verdicts = selectForPrune([root, recent, old], rules(['main']));
    assert.deepEqual(removed(verdicts), ['demo.old']);
    assert.equal(verdicts[1]!.why, 'updated within 24 h');
  });

  test('refuses the whole prune when the listing lacks the default branch or is empty', () => {
    assert.throws(
      () => selectForPrune([root, branch('demo.x', 'x')], rules(['x'])),
      (err: Error) => err instanceof RefusedError && /lacks the default branch 'main'/.test(err.message),
    );
    assert.throws(
      () => selectForPrune([root, branch('demo.x', 'x')], rules([])),
      (err: Error) => err instanceof RefusedError && /listed no branches of acme\/defs/.test(err.message),
    );
    // Nothing follows a git branch: an empty listing removes nothing and is no reason to refuse.
    assert.deepEqual(removed(selectForPrune([branch('demo.orphan', '')], rules([]))), []);
  });
});
