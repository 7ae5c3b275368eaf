/**
 * `npm run pictures`: writes docs/comment-success.html, comment-failure.html and comment-preview.html from
 * scripts/comment-pictures.ts and takes a PNG of each with Debian's headless chromium
 * (`apt-get install chromium`). The PNGs are shown in the README; the HTML is committed beside
 * them so a test can tell when the pictures are out of date (fonts differ between machines, so
 * the test compares HTML, not pixels).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../harness/run-action.js';
import { pictureHtml, PICTURE_KINDS, type PictureKind } from './comment-pictures.js';

/** Viewport heights that hold each comment whole. */
const HEIGHTS: Record<PictureKind, number> = { success: 320, failure: 620, preview: 900, review: 760 };

const browser = process.env.CHROMIUM ?? 'chromium';
for (const kind of PICTURE_KINDS) {
  const html = join(ROOT, 'docs', `comment-${kind}.html`);
  const png = join(ROOT, 'docs', `comment-${kind}.png`);
  writeFileSync(html, pictureHtml(kind));
  execFileSync(
    browser,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      `--window-size=900,${HEIGHTS[kind]}`,
      `--screenshot=${png}`,
      pathToFileURL(html).href,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  console.log(`${png}`);
}
