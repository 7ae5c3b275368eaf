/**
 * The README shows four pictures of the comment (docs/comment-success.png, comment-failure.png,
 * comment-preview.png, comment-review.png).
 * They are taken by `npm run pictures` from the HTML committed beside them; this test fails when
 * that HTML is no longer what the report renders, so the pictures cannot silently go stale.
 * (HTML, not pixels: fonts differ between machines.)
 */
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../harness/run-action.js';
import { pictureHtml, pictureReport, PICTURE_KINDS } from '../../scripts/comment-pictures.js';
import { stepVerdict } from '../../src/verdict.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('comment pictures in docs/', () => {
  for (const kind of PICTURE_KINDS) {
    test(`${kind}: the committed HTML is what the report renders now, and its PNG is in the README`, () => {
      const committed = readFileSync(join(ROOT, 'docs', `comment-${kind}.html`), 'utf8');
      assert.equal(committed, pictureHtml(kind), `docs/comment-${kind}.html is stale: run \`npm run pictures\` and commit docs/`);
      const png = readFileSync(join(ROOT, 'docs', `comment-${kind}.png`));
      assert.ok(png.subarray(0, 8).equals(PNG_MAGIC), 'a PNG');
      assert.ok(png.length > 5_000, 'not empty');
      assert.ok(readFileSync(join(ROOT, 'README.md'), 'utf8').includes(`(docs/comment-${kind}.png)`));
    });
  }

  test('the two pictures show what they say: one passes, one fails', () => {
    const ok = pictureReport('success');
    const bad = pictureReport('failure');
    assert.equal(stepVerdict(ok.outcome, ok.ctx.failOn).fails, false);
    assert.equal(stepVerdict(bad.outcome, bad.ctx.failOn).fails, true);
    assert.match(pictureHtml('failure'), /<h3>❌ 2 of 12 nodes failed, 1 invalid · /);
    assert.match(pictureHtml('success'), /<h3>✅ 12 nodes deployed · /);
  });

  test('the preview picture shows the merge preview under the verdict line, with what would break first', () => {
    const html = pictureHtml('preview');
    const headline = html.indexOf('<strong>Merging would update 1 node, add 0, remove 0; 3 downstream nodes affected, 2 would become invalid.</strong>');
    assert.ok(headline > html.indexOf('<h3>'), html);
    assert.ok(html.indexOf('Would become invalid') > headline && html.indexOf('Would become invalid') < html.indexOf('<details><summary>Changed nodes'));
    const { outcome, ctx } = pictureReport('preview');
    assert.equal(ctx.failOn, 'impact');
    assert.ok(stepVerdict(outcome, ctx.failOn, 'summary' in ctx.impact! ? ctx.impact.summary : undefined).fails);
  });

  test('the review picture shows the SQL diff (unfolded) and the value table, and names the reviewer without a mention', () => {
    const html = pictureHtml('review');
    assert.match(html, /<details open><summary>revenue: SQL changes<\/summary>/);
    assert.match(html, /<code class="language-diff">/);
    assert.match(html, /<td>revenue<\/td>\s*<td>505\.5<\/td>\s*<td>200<\/td>\s*<td>-305\.5<\/td>\s*<td>-60\.4%<\/td>/);
    assert.match(html, /Reviews requested from: dana-gh\./);
    assert.ok(!html.includes('@dana-gh'));
  });
});
