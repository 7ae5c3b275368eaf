import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { toBranchEvent } from '../../src/event.js';
import { example, prEvent, pushEvent } from '../../harness/payloads.js';

describe('event', () => {
  test('real create tag example', () => {
    const e = toBranchEvent('create', example('create'));
    assert.equal(e.kind, 'create');
    assert.equal(e.kind === 'create' && e.refType, 'tag');
  });
  test('pull_request: head branch, sha, number, fork', () => {
    const e = toBranchEvent('pull_request', prEvent('opened', 'feature/x', { number: 12, sha: 'abc' }));
    assert.ok(e.kind === 'pull_request');
    assert.equal(e.branch, 'feature/x');
    assert.equal(e.sha, 'abc');
    assert.equal(e.number, 12);
    assert.equal(e.fork, false);
    assert.equal(e.defaultBranch, 'main');
    assert.deepEqual(e.repo, { owner: 'acme', name: 'dj-definitions' });
    const f = toBranchEvent('pull_request', prEvent('opened', 'feature/x', { fork: true }));
    assert.equal(f.kind === 'pull_request' && f.fork, true);
  });
  test('a deleted fork (head.repo null) counts as a fork', () => {
    const p = prEvent('closed', 'feature/x');
    p.pull_request.head.repo = null;
    const e = toBranchEvent('pull_request', p);
    assert.equal(e.kind === 'pull_request' && e.fork, true);
  });
  test('push: refs/heads stripped, zero sha dropped', () => {
    const e = toBranchEvent('push', pushEvent('feature/x', '0'.repeat(40)));
    assert.ok(e.kind === 'push');
    assert.equal(e.branch, 'feature/x');
    assert.equal(e.sha, undefined);
  });
  test('repository falls back to GITHUB_REPOSITORY', () => {
    const e = toBranchEvent('schedule', {}, { GITHUB_REPOSITORY: 'o/r', GITHUB_REF: 'refs/heads/main' });
    assert.deepEqual(e.repo, { owner: 'o', name: 'r' });
    assert.equal(e.kind === 'other' && e.branch, 'main');
  });
});
