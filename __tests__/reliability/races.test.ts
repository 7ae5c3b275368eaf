/**
 * Two runs of dist/index.js for the same branch at the same time (workflows without the
 * recommended `concurrency` group, re-runs, a push right after a PR is opened). Each pair is
 * started with several offsets so the requests interleave differently. Both runs must exit 0
 * without an error, and the final state must be right: linked (or deleted) and deployed. Two
 * runs that both found no comment may both create one (re-reading after every create would
 * cost every first comment a request beyond the minimum); the next run for the pull request
 * keeps the oldest and deletes the copy, which these tests check by running it.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startWorld, pushBranch, ROOT, type World } from '../../harness/world.js';
import { branchRefEvent, prEvent, pushEvent } from '../../harness/payloads.js';
import { stickyMarker } from '../../src/report/markdown.js';
import { serverIdentity } from '../../src/server-identity.js';
import type { ActionRun } from '../../harness/run-action.js';
import { count } from './support.js';

/** Start offsets of the second run (ms): same instant, mid-look-up, mid-write, late. */
const OFFSETS = [0, 30, 90, 180];

let seq = 0;
/** A fresh branch per race, so races never see each other. */
function nextBranch(): { branch: string; ns: string; pr: number } {
  seq++;
  return { branch: `race/b-${seq}`, ns: `${ROOT}.race_b_${seq}`, pr: 100 + seq };
}

async function pair(first: () => Promise<ActionRun>, second: () => Promise<ActionRun>, offset: number): Promise<[ActionRun, ActionRun]> {
  count('races.run');
  return Promise.all([first(), sleep(offset).then(second)]);
}

function clean(r: ActionRun, label: string): void {
  assert.equal(r.exitCode, 0, `${label}: exit code\n${r.stdout}\n${r.stderr}`);
  assert.deepEqual(r.errors, [], `${label}: no ::error::`);
  assert.ok(!r.warnings.some(m => /comment was not written/.test(m)), `${label}: ${r.warnings.join('\n')}`);
}

function linkedAndDeployed(w: World, ns: string, branch: string): void {
  const row = w.dj.namespace(ns);
  assert.ok(row, `${ns} exists`);
  assert.equal(row.git_branch, branch);
  assert.equal(row.parent_namespace, ROOT);
  assert.equal(row.nodes.size, 4, 'deployed');
}

/**
 * At most two sticky comments after the race (never more), and exactly one after `next` (the
 * pull request's next run), which names the survivor: the oldest.
 */
async function oneComment(w: World, pr: number, ns: string, next: () => Promise<ActionRun>): Promise<void> {
  const marker = stickyMarker('dj', ns, serverIdentity(w.dj.url));
  const ours = () => w.gh.comments(pr).filter(c => c.body.includes(marker));
  const afterRace = ours();
  assert.ok(afterRace.length >= 1 && afterRace.length <= 2, `one or two sticky comments on #${pr} after the race, got ${afterRace.length}`);
  const oldest = afterRace[0]!.id;
  const healer = await next();
  clean(healer, 'next run');
  assert.deepEqual(
    ours().map(c => c.id),
    [oldest],
    `exactly one sticky comment on #${pr} after the next run, the oldest`,
  );
  assert.equal(healer.outputs['comment-id'], String(oldest), 'comment-id names the surviving comment');
  if (afterRace.length === 2) count('races.duplicateCommentsRemoved');
}

describe('races: two runs for the same branch at once', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  test('pull_request opened twice, both comment POSTs held until both arrived: the duplicate is removed', async () => {
    const { branch, ns, pr } = nextBranch();
    pushBranch(w, branch);
    // Both runs searched, found nothing and POSTed: the worst interleaving, made certain.
    type Handler = (req: { method: string; rawPath: string }) => unknown;
    const gh = w.gh as unknown as { handle: Handler };
    const original = gh.handle.bind(w.gh);
    let arrived = 0;
    let release!: () => void;
    const both = new Promise<void>(resolve => (release = resolve));
    gh.handle = async req => {
      if (req.method === 'POST' && req.rawPath === `/repos/acme/dj-definitions/issues/${pr}/comments`) {
        if (++arrived === 2) release();
        await Promise.race([both, sleep(10_000)]);
      }
      return original(req);
    };
    try {
      const runs = await pair(
        () => w.run('pull_request', prEvent('opened', branch, { number: pr })),
        () => w.run('pull_request', prEvent('opened', branch, { number: pr })),
        0,
      );
      assert.equal(arrived, 2, 'both runs created a comment');
      assert.equal(w.gh.comments(pr).length, 2, 'the forced race leaves two comments until the next run');
      runs.forEach((r, i) => clean(r, `opened #${i + 1}`));
      linkedAndDeployed(w, ns, branch);
      await oneComment(w, pr, ns, () => w.run('pull_request', prEvent('synchronize', branch, { number: pr })));
      count('races.converged');
    } finally {
      gh.handle = original;
    }
  });

  for (const offset of OFFSETS) {
    test(`create + push (second starts after ${offset} ms)`, async () => {
      const { branch, ns } = nextBranch();
      pushBranch(w, branch);
      const [create, push] = await pair(
        () => w.run('create', branchRefEvent('create', branch)),
        () => w.run('push', pushEvent(branch)),
        offset,
      );
      clean(create, 'create');
      clean(push, 'push');
      assert.equal(create.outputs.operation, 'created');
      assert.ok(['updated', 'skipped'].includes(push.outputs.operation!), push.outputs.operation);
      if (push.outputs.operation === 'skipped') assert.equal(push.outputs['skip-reason'], 'not-linked');
      linkedAndDeployed(w, ns, branch);
      count('races.converged');
    });

    test(`pull_request opened + synchronize (second starts after ${offset} ms)`, async () => {
      const { branch, ns, pr } = nextBranch();
      pushBranch(w, branch);
      const [opened, sync] = await pair(
        () => w.run('pull_request', prEvent('opened', branch, { number: pr })),
        () => w.run('pull_request', prEvent('synchronize', branch, { number: pr })),
        offset,
      );
      clean(opened, 'opened');
      clean(sync, 'synchronize');
      for (const r of [opened, sync]) assert.ok(['created', 'updated'].includes(r.outputs.operation!), r.outputs.operation);
      linkedAndDeployed(w, ns, branch);
      await oneComment(w, pr, ns, () => w.run('pull_request', prEvent('synchronize', branch, { number: pr })));
      count('races.converged');
    });

    test(`pull_request opened + opened, a re-run (second starts after ${offset} ms)`, async () => {
      const { branch, ns, pr } = nextBranch();
      pushBranch(w, branch);
      const runs = await pair(
        () => w.run('pull_request', prEvent('opened', branch, { number: pr })),
        () => w.run('pull_request', prEvent('opened', branch, { number: pr })),
        offset,
      );
      runs.forEach((r, i) => clean(r, `opened #${i + 1}`));
      linkedAndDeployed(w, ns, branch);
      await oneComment(w, pr, ns, () => w.run('pull_request', prEvent('synchronize', branch, { number: pr })));
      count('races.converged');
    });

    test(`create + pull_request opened (second starts after ${offset} ms)`, async () => {
      const { branch, ns, pr } = nextBranch();
      pushBranch(w, branch);
      const [create, opened] = await pair(
        () => w.run('create', branchRefEvent('create', branch)),
        () => w.run('pull_request', prEvent('opened', branch, { number: pr })),
        offset,
      );
      clean(create, 'create');
      clean(opened, 'opened');
      linkedAndDeployed(w, ns, branch);
      await oneComment(w, pr, ns, () => w.run('pull_request', prEvent('synchronize', branch, { number: pr })));
      count('races.converged');
    });

    test(`pull_request closed + delete (second starts after ${offset} ms)`, async () => {
      const { branch, ns, pr } = nextBranch();
      pushBranch(w, branch);
      const first = await w.run('pull_request', prEvent('opened', branch, { number: pr }));
      clean(first, 'opened (setup)');
      // The delete event comes once the branch is gone on GitHub.
      w.gh.removeBranch(branch);
      const [closed, deleted] = await pair(
        () => w.run('pull_request', prEvent('closed', branch, { number: pr, merged: true })),
        () => w.run('delete', branchRefEvent('delete', branch)),
        offset,
      );
      clean(closed, 'closed');
      clean(deleted, 'delete');
      const ops = [closed.outputs.operation, deleted.outputs.operation].sort();
      assert.deepEqual(ops, ['absent', 'deleted'], 'one run deleted it, the other found it gone');
      assert.equal(w.dj.namespace(ns), undefined, 'namespace gone');
      assert.ok(w.dj.gitBranches().includes(branch), 'the git branch is never deleted');
      await oneComment(w, pr, ns, () => w.run('pull_request', prEvent('closed', branch, { number: pr, merged: true })));
      count('races.converged');
    });

    test(`pull_request synchronize + synchronize over an existing comment (second starts after ${offset} ms)`, async () => {
      const { branch, ns, pr } = nextBranch();
      pushBranch(w, branch);
      clean(await w.run('pull_request', prEvent('opened', branch, { number: pr })), 'opened (setup)');
      w.dj.setYaml(branch, [{ name: '${prefix}orders', type: 'source', query: 'orders v2' }]);
      const runs = await pair(
        () => w.run('pull_request', prEvent('synchronize', branch, { number: pr, sha: 'a'.repeat(40) })),
        () => w.run('pull_request', prEvent('synchronize', branch, { number: pr, sha: 'a'.repeat(40) })),
        offset,
      );
      runs.forEach((r, i) => clean(r, `synchronize #${i + 1}`));
      assert.equal(w.dj.namespace(ns)!.nodes.size, 1, 'the new YAML is deployed');
      await oneComment(w, pr, ns, () => w.run('pull_request', prEvent('synchronize', branch, { number: pr, sha: 'a'.repeat(40) })));
      count('races.converged');
    });
  }
});
