/**
 * SPEC §13 on both backends (env DJ_BACKEND=emulator|real; the real-server suite runs it against
 * datajunction-server): `/dj deploy` by a writer creates and deploys the pull request's
 * namespace, and deploys it again when asked although the commit is deployed; a reader's command
 * sends nothing to DJ; `/dj delete` deletes the namespace; the next commit creates it again.
 */
import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from './counted-assert.js';
import { startDjWorld, variantNodes, BACKEND, type DjWorld } from '../../harness/dj-world.js';
import { commentEvent, prEvent } from '../../harness/payloads.js';

const ENC = encodeURIComponent;
const sync = (ns: string) => `POST /namespaces/${ENC(ns)}/sync-from-git`;

describe(`DJ ${BACKEND}: comment commands`, () => {
  let w: DjWorld;
  before(async () => {
    w = await startDjWorld();
    w.gh.setRole('maintainer', 'write');
    w.gh.setRole('reader', 'read');
  });
  after(async () => {
    await w?.stop();
  });
  beforeEach(() => w.resetLogs());

  async function command(n: number, body: string, login = 'maintainer') {
    const c = w.gh.addComment(n, login, body);
    const r = await w.run('issue_comment', commentEvent(body, { number: n, id: c.id, login }), { impact: 'false' });
    return { r, id: c.id };
  }

  test('/dj deploy by a writer deploys (again when asked); a reader is not obeyed; /dj delete deletes; the next commit creates it again', async () => {
    const head = w.branch('feature/cmd', 'v2');
    const ns = `${w.root}.feature_cmd`;
    w.gh.addPull({ number: 21, branch: 'feature/cmd', sha: head });

    const first = await command(21, '/dj deploy');
    assert.equal(first.r.exitCode, 0, first.r.stdout);
    assert.equal(first.r.outputs.operation, 'created');
    assert.equal(first.r.outputs['deployed-sha'], head);
    assert.deepEqual((await w.namespace(ns))?.nodes, variantNodes('v2'));
    assert.deepEqual(
      w.gh.reactions(first.id).map(x => x.content),
      ['eyes', 'rocket'],
    );

    w.resetLogs();
    const again = await command(21, '/dj deploy');
    assert.equal(again.r.exitCode, 0, again.r.stdout);
    assert.equal(again.r.outputs.operation, 'updated');
    assert.ok(w.djLog().includes(sync(ns)), `deployed again although the commit is deployed: ${w.djLog().join('\n')}`);

    w.resetLogs();
    const reader = await command(21, '/dj delete', 'reader');
    assert.equal(reader.r.outputs['skip-reason'], 'not-permitted');
    assert.deepEqual(w.djLog(), [], 'nothing sent to DJ');
    assert.ok(await w.namespace(ns), 'the namespace stands');

    w.resetLogs();
    const del = await command(21, '/dj delete');
    assert.equal(del.r.exitCode, 0, del.r.stdout);
    assert.equal(del.r.outputs.operation, 'deleted');
    assert.equal(await w.namespace(ns), undefined);

    const next = w.commit('feature/cmd', 'main');
    w.resetLogs();
    const sync2 = await w.run('pull_request', prEvent('synchronize', 'feature/cmd', { number: 21, sha: next }), { impact: 'false' });
    assert.equal(sync2.exitCode, 0, sync2.stdout);
    assert.equal(sync2.outputs.operation, 'created');
    assert.ok(await w.namespace(ns));
  });
});
