/**
 * `npm run pictures`: writes docs/comment-success.html, comment-failure.html and comment-preview.html from
 * scripts/comment-pictures.ts, and docs/check-run.html, check-annotation.html and
 * check-deployment.html from what dist/index.js sends to the GitHub emulator
 * (scripts/check-pictures.ts), and takes a PNG of each with Debian's headless chromium
 * (`apt-get install chromium fonts-noto-color-emoji`). The PNGs are shown in the README; the HTML is committed beside
 * them so a test can tell when the pictures are out of date (fonts differ between machines, so
 * the test compares HTML, not pixels).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../harness/run-action.js';
import { pictureHtml, PICTURE_KINDS, type PictureKind } from './comment-pictures.js';
import { checkPictureHtml, CHECK_PICTURE_KINDS, recordCheckPictures, type CheckPictureKind } from './check-pictures.js';

/** Viewport heights that hold each comment whole. */
const HEIGHTS: Record<PictureKind, number> = { success: 320, failure: 620, preview: 900, review: 760 };

/** The check-run pictures' files (without extension) and viewport sizes. */
export const CHECK_PICTURE_FILES: Record<CheckPictureKind, { file: string; width: number; height: number }> = {
  'check-run': { file: 'check-run', width: 1100, height: 1050 },
  annotation: { file: 'check-annotation', width: 1000, height: 330 },
  deployment: { file: 'check-deployment', width: 900, height: 360 },
};

const browser = process.env.CHROMIUM ?? 'chromium';
const pages: { name: string; html: string; width: number; height: number }[] = PICTURE_KINDS.map(kind => ({
  name: `comment-${kind}`,
  html: pictureHtml(kind),
  width: 900,
  height: HEIGHTS[kind],
}));
const record = await recordCheckPictures();
for (const kind of CHECK_PICTURE_KINDS) {
  const { file, width, height } = CHECK_PICTURE_FILES[kind];
  pages.push({ name: file, html: checkPictureHtml(kind, record), width, height });
}
for (const { name, html: text, width, height } of pages) {
  const html = join(ROOT, 'docs', `${name}.html`);
  const png = join(ROOT, 'docs', `${name}.png`);
  writeFileSync(html, text);
  execFileSync(
    browser,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      `--window-size=${width},${height}`,
      `--screenshot=${png}`,
      pathToFileURL(html).href,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  console.log(`${png}`);
}
