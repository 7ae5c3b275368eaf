import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { toBranchEvent } from '../../src/event.js';
import { decide, type Plan } from '../../src/plan.js';
import { readSettings, type Settings } from '../../src/settings.js';
import { InputError } from '../../src/errors.js';
import { branchRefEvent, example, examples, prEvent, pushEvent, eventNames } from '../../harness/payloads.js';

function settings(inputs: Record<string, string> = {}): Settings {
  const env: Record<string, string> = { 'INPUT_DJ-URL': 'http://dj.local', INPUT_NAMESPACE: 'demo.metrics' };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return readSettings(env, () => undefined);
}

function plan(eventName: string, payload: Record<string, unknown>, inputs: Record<string, string> = {}): Plan {
  return decide(toBranchEvent(eventName, payload), settings(inputs));
}

const kindOf = (p: Plan) => (p.kind === 'skip' ? `skip:${p.reason}` : p.kind);

describe('SPEC §4 event table (operation: auto)', () => {
  const rows: [string, string, Record<string, unknown>, Record<string, string>, string][] = [
    ['create tag (real example)', 'create', example('create'), {}, 'skip:tag'],
    ['create branch', 'create', branchRefEvent('create', 'feature/x-y'), {}, 'ensure'],
    ['create default branch', 'create', branchRefEvent('create', 'main'), {}, 'skip:default-branch'],
    ['create ignored branch', 'create', branchRefEvent('create', 'dependabot/npm/x'), { 'ignore-branches': 'dependabot/**' }, 'skip:ignored-branch'],
    ['delete tag (real example)', 'delete', example('delete'), {}, 'skip:tag'],
    ['delete branch', 'delete', branchRefEvent('delete', 'feature/x-y'), {}, 'remove'],
    ['delete default branch', 'delete', branchRefEvent('delete', 'main'), {}, 'skip:default-branch'],
    ['pr opened', 'pull_request', prEvent('opened', 'feature/x-y'), {}, 'ensure'],
    ['pr reopened', 'pull_request', prEvent('reopened', 'feature/x-y'), {}, 'ensure'],
    ['pr synchronize', 'pull_request', prEvent('synchronize', 'feature/x-y'), {}, 'ensure'],
    ['pr ready_for_review', 'pull_request', prEvent('ready_for_review', 'feature/x-y'), {}, 'ensure'],
    ['pr closed, delete', 'pull_request', prEvent('closed', 'feature/x-y'), {}, 'remove'],
    ['pr closed, keep', 'pull_request', prEvent('closed', 'feature/x-y'), { 'on-pr-close': 'keep' }, 'keep'],
    ['pr labeled', 'pull_request', prEvent('labeled', 'feature/x-y'), {}, 'skip:unsupported-action'],
    ['pr assigned', 'pull_request', prEvent('assigned', 'feature/x-y'), {}, 'skip:unsupported-action'],
    ['pr from fork', 'pull_request', prEvent('opened', 'feature/x-y', { fork: true }), {}, 'skip:fork'],
    ['pr closed from fork', 'pull_request', prEvent('closed', 'feature/x-y', { fork: true }), {}, 'skip:fork'],
    ['pr head is default branch', 'pull_request', prEvent('opened', 'main'), {}, 'skip:default-branch'],
    ['pr head ignored', 'pull_request', prEvent('opened', 'renovate/foo'), { 'ignore-branches': 'renovate/*\nother' }, 'skip:ignored-branch'],
    ['push to branch', 'push', pushEvent('feature/x-y'), {}, 'deploy'],
    ['push to default branch', 'push', pushEvent('main'), {}, 'deploy'],
    ['push tag (real example)', 'push', examples('push').find(e => String(e.ref).startsWith('refs/tags/'))!, {}, 'skip:tag'],
    ['push ignored', 'push', pushEvent('dependabot/x'), { 'ignore-branches': 'dependabot/**' }, 'skip:ignored-branch'],
    ['workflow_dispatch', 'workflow_dispatch', example('workflow_dispatch'), {}, 'skip:unsupported-event'],
    ['schedule', 'schedule', {}, {}, 'skip:unsupported-event'],
  ];
  for (const [name, event, payload, inputs, expected] of rows) {
    test(name, () => assert.equal(kindOf(plan(event, payload, inputs)), expected));
  }

  test('ensure carries the PR number and head sha; deploy carries the push sha', () => {
    const p = plan('pull_request', prEvent('synchronize', 'feature/x-y', { number: 7, sha: 'abc123' }));
    assert.deepEqual(p, { kind: 'ensure', branch: 'feature/x-y', deploy: true, sha: 'abc123', pr: { number: 7, sha: 'abc123' } });
    const d = plan('push', pushEvent('feature/x-y', 'f'.repeat(40)));
    assert.deepEqual(d, { kind: 'deploy', branch: 'feature/x-y', sha: 'f'.repeat(40), skipWhenNotLinked: true });
  });

  test('the keep or accept label on an open pull request: a refresh (nothing created or deployed); on a closed one the keep label decides', () => {
    for (const label of ['dj:accept-impact', 'dj:keep']) {
      const e = prEvent('labeled', 'feature/x-y', { number: 7, sha: 'abc123' });
      e.label = { ...e.label, name: label };
      assert.deepEqual(plan('pull_request', e), { kind: 'ensure', branch: 'feature/x-y', deploy: false, sha: 'abc123', pr: { number: 7, sha: 'abc123' }, refresh: true }, label);
    }
    const closed = prEvent('unlabeled', 'feature/x-y', { number: 7, sha: 'abc123' });
    closed.label = { ...closed.label, name: 'dj:keep' };
    closed.pull_request.state = 'closed';
    assert.equal(plan('pull_request', closed, { 'on-pr-close': 'delete' }).kind, 'remove');
  });

  test('delete events never ask DJ to delete the git branch', () => {
    const p = plan('delete', branchRefEvent('delete', 'feature/x-y'));
    assert.equal(p.kind === 'remove' && p.deleteGitBranch, false);
    const c = plan('pull_request', prEvent('closed', 'feature/x-y'));
    assert.equal(c.kind === 'remove' && c.deleteGitBranch, false);
  });

  test('deploy: none links without deploying and skips pushes', () => {
    const p = plan('create', branchRefEvent('create', 'feature/x-y'), { deploy: 'none' });
    assert.equal(p.kind === 'ensure' && p.deploy, false);
    assert.equal(kindOf(plan('push', pushEvent('feature/x-y'), { deploy: 'none' })), 'skip:unsupported-action');
  });

  test('a push that deleted the branch deploys nothing', () => {
    const payload = pushEvent('feature/x-y');
    payload.deleted = true;
    assert.equal(kindOf(plan('push', payload)), 'skip:unsupported-action');
  });

  test('every real payload of the handled events yields a plan, never a crash', () => {
    let n = 0;
    for (const event of ['create', 'delete', 'push', 'pull_request']) {
      for (const payload of examples(event)) {
        const p = plan(event, payload);
        assert.ok(p.kind, `${event} ${payload.action ?? ''}`);
        n++;
      }
    }
    assert.ok(n >= 40, `only ${n} payloads`);
  });

  test('every other event in the package is an unsupported-event skip', () => {
    for (const event of eventNames().filter(e => !['create', 'delete', 'push', 'pull_request', 'pull_request_target'].includes(e))) {
      for (const payload of examples(event)) assert.equal(kindOf(plan(event, payload)), 'skip:unsupported-event', event);
    }
  });
});

describe('explicit operations', () => {
  const dispatch = example('workflow_dispatch');
  test('create/delete/sync take the branch input', () => {
    assert.deepEqual(plan('workflow_dispatch', dispatch, { operation: 'create', branch: 'feature/a' }), { kind: 'create', branch: 'feature/a' });
    assert.deepEqual(plan('workflow_dispatch', dispatch, { operation: 'delete', branch: 'feature/a' }), { kind: 'remove', branch: 'feature/a', deleteGitBranch: false });
    assert.deepEqual(plan('workflow_dispatch', dispatch, { operation: 'delete', branch: 'feature/a', 'delete-git-branch': 'true' }), {
      kind: 'remove',
      branch: 'feature/a',
      deleteGitBranch: true,
    });
    assert.deepEqual(plan('workflow_dispatch', dispatch, { operation: 'sync', branch: 'main' }), { kind: 'deploy', branch: 'main', skipWhenNotLinked: false });
    assert.deepEqual(plan('schedule', {}, { operation: 'list' }), { kind: 'list' });
    assert.deepEqual(plan('schedule', {}, { operation: 'prune' }), { kind: 'prune' });
  });
  test('refs/heads/ prefix in the branch input is dropped', () => {
    assert.deepEqual(plan('workflow_dispatch', dispatch, { operation: 'sync', branch: 'refs/heads/feature/a' }), { kind: 'deploy', branch: 'feature/a', skipWhenNotLinked: false });
  });
  test('explicit delete of the default branch is refused as a skip', () => {
    assert.equal(kindOf(plan('workflow_dispatch', dispatch, { operation: 'delete', branch: 'main' })), 'skip:default-branch');
  });
  test('a branch operation without a branch is an input error naming the input', () => {
    assert.throws(
      () => plan('schedule', {}, { operation: 'sync' }),
      (e: Error) => e instanceof InputError && /'branch'/.test(e.message),
    );
  });
  test('explicit operations fall back to the event branch', () => {
    assert.deepEqual(plan('push', pushEvent('feature/b'), { operation: 'sync' }), { kind: 'deploy', branch: 'feature/b', skipWhenNotLinked: false });
  });
});
