/**
 * The README shows three pictures of what the action writes to GitHub besides the comment
 * (docs/check-run.png: the Checks tab, docs/check-annotation.png: an annotation on a YAML line,
 * docs/check-deployment.png: the deployment box). `npm run pictures` renders them from the
 * requests dist/index.js sends to the GitHub emulator; this test runs the same pull request
 * again and fails when the committed HTML is no longer what those requests render, so the
 * pictures cannot silently go stale. (HTML, not pixels: fonts differ between machines.)
 */
import { test, describe, beforeAll as before } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../harness/run-action.js';
import { checkPictureHtml, CHECK_PICTURE_KINDS, recordCheckPictures, type CheckPictureRecord } from '../../scripts/check-pictures.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const FILES = { 'check-run': 'check-run', annotation: 'check-annotation', deployment: 'check-deployment' } as const;

describe('check-run and deployment pictures in docs/', () => {
  let rec: CheckPictureRecord;
  before(async () => {
    rec = await recordCheckPictures();
  }, 120_000);

  for (const kind of CHECK_PICTURE_KINDS) {
    test(`${kind}: the committed HTML is what the action's requests render now, its PNG is in the README, labelled a rendering`, () => {
      const committed = readFileSync(join(ROOT, 'docs', `${FILES[kind]}.html`), 'utf8');
      assert.equal(committed, checkPictureHtml(kind, rec), `docs/${FILES[kind]}.html is stale: run \`npm run pictures\` and commit docs/`);
      assert.match(committed, /A rendering of the requests dj-branch-sync sent to the GitHub emulator \(not a GitHub screenshot\)/);
      const png = readFileSync(join(ROOT, 'docs', `${FILES[kind]}.png`));
      assert.ok(png.subarray(0, 8).equals(PNG_MAGIC), 'a PNG');
      assert.ok(png.length > 5_000, 'not empty');
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      const line = readme.split('\n').find(l => l.includes(`(docs/${FILES[kind]}.png)`));
      assert.ok(line, `README shows docs/${FILES[kind]}.png`);
      assert.match(line, /rendering/i, 'the README says it is a rendering');
    });
  }

  test('the pictures show what the action sent: the failed check run with its annotation at the name: line, the deployment that replaced the failed one', () => {
    const [create] = rec.first.checkRuns;
    assert.equal(create?.method, 'POST');
    assert.equal(create.body.name, 'dj / demo.metrics');
    assert.equal(create.body.conclusion, 'failure');
    const annotations = rec.first.checkRuns.flatMap(r => (r.body.output as { annotations?: Record<string, unknown>[] } | undefined)?.annotations ?? []);
    assert.deepEqual(
      annotations.map(a => [a.path, a.start_line, a.annotation_level, a.title]),
      [['nodes/churn.yaml', 1, 'warning', 'DJ node churn: invalid']],
    );
    assert.match(rec.files['nodes/churn.yaml']!.split('\n')[0]!, /^name: /);
    const run = checkPictureHtml('check-run', rec);
    assert.ok(run.includes('<h2>dj / demo.metrics</h2>'));
    assert.ok(run.includes(`<div class="title">${'1 of 11 results failed, 1 invalid · feature/revenue-v2 @ 4f2a9c1 → demo.metrics.feature_revenue_v2'}</div>`), run);
    assert.match(checkPictureHtml('annotation', rec), /<td>\+ name: \$\{prefix\}churn<\/td><\/tr>\n<tr><td class="annot" colspan="2"><div class="box warning">/);
    assert.deepEqual(
      [...rec.first.deployments, ...rec.second.deployments].map(d => [d.environment, d.transient_environment]),
      [
        ['DJ preview (demo.metrics)', true],
        ['DJ preview (demo.metrics)', true],
      ],
    );
    assert.deepEqual(
      rec.deploymentStatuses.map(s => `${s.sha.slice(0, 7)} ${String(s.body.state)}`),
      ['4f2a9c1 in_progress', '4f2a9c1 failure', 'b71c3e0 in_progress', 'b71c3e0 success', '4f2a9c1 inactive'],
    );
    const box = checkPictureHtml('deployment', rec);
    assert.match(box, /temporarily deployed to <b>DJ preview \(demo\.metrics\)<\/b> <span class="label green">Active<\/span>[\s\S]*View deployment/);
    assert.match(box, /1 active deployment</);
  });
});
