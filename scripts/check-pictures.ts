/**
 * The README's pictures of the check run (the pull request's Checks tab), of an annotation on a
 * YAML line ("Files changed") and of the pull request's deployment box, as HTML pages made from
 * what the action really sends: `recordCheckPictures()` runs the built dist/index.js on a pull
 * request against the DJ and GitHub emulators on real git content (harness/dj-world.ts, the
 * fixture project with two broken nodes) and keeps the request bodies the GitHub emulator
 * received (the check run's create and PATCH, the deployment and its statuses);
 * `checkPictureHtml()` renders them in pages styled like GitHub's UI. `npm run pictures` turns
 * the pages into PNGs in docs/ with headless chromium; a test keeps the committed HTML equal to
 * what the action sends now.
 *
 * What changes from one run to the next (the commit's SHA, the emulators' ports, the world's
 * repository, the time) is replaced by fixed values, so the pages change only when what the
 * action sends does.
 */
import { startDjWorld } from '../harness/dj-world.js';
import { prEvent } from '../harness/payloads.js';
import { fixture } from '../emulators/git-repo.js';
import { reportHtml } from './comment-pictures.js';

/** Which picture. */
export type CheckPictureKind = 'check-run' | 'annotation' | 'deployment';

/** Every picture, in the README's order. */
export const CHECK_PICTURE_KINDS: readonly CheckPictureKind[] = ['check-run', 'annotation', 'deployment'];

/** What the action sent to GitHub for one commit of the pull request, with the values of the run made fixed. */
export interface SentForCommit {
  /** The check-run requests, in order: `POST .../check-runs` and any `PATCH .../check-runs/{id}`. */
  checkRuns: { method: string; body: Record<string, unknown> }[];
  /** `POST .../deployments` bodies. */
  deployments: Record<string, unknown>[];
}

/** What the action sent for the pull request's two pushes (the first with broken nodes, the second fixing them). */
export interface CheckPictureRecord {
  first: SentForCommit;
  second: SentForCommit;
  /** `POST .../deployments/{id}/statuses` bodies of both runs, in order, each with the fixed SHA of its deployment. */
  deploymentStatuses: { sha: string; body: Record<string, unknown> }[];
  /** The YAML files of the first commit (path → text), which the annotations point at. */
  files: Record<string, string>;
  /** The pull request's branch and number. */
  branch: string;
  number: number;
}

/** The fixed values a picture shows. */
export const PICTURE_SHAS = ['4f2a9c1e7b3d5a6c8e0f1a2b3c4d5e6f7a8b9c0d', 'b71c3e05d9a4f2e68c1b0a9d7e6f5c4b3a2d1e0f'] as const;
export const PICTURE_REPO = 'acme/dj-definitions';
export const PICTURE_DJ = 'https://dj.example.com';
const RUN_IDS = ['4245', '4246'];

/**
 * Runs the pull request as the runner does, twice: opened with the fixture's two broken nodes
 * (a link to a dimension nobody defined, a metric on a missing table), then a push that removes
 * them. Returns what the action sent (fixed values in place of the run's).
 */
export async function recordCheckPictures(): Promise<CheckPictureRecord> {
  const w = await startDjWorld();
  try {
    const branch = 'feature/revenue-v2';
    const number = 42;
    w.branch(branch);
    const files = fixture('broken');
    const first = w.git.commitFiles(branch, files, { message: 'revenue v2: churn and order facts' });
    const shas = [first];
    const fix = (text: string): string => {
      for (const [i, sha] of shas.entries()) {
        const to = PICTURE_SHAS[i]!;
        text = text.replaceAll(sha, to).replaceAll(sha.slice(0, 12), to.slice(0, 12)).replaceAll(sha.slice(0, 7), to.slice(0, 7));
      }
      return text
        .replaceAll(w.repo, PICTURE_REPO)
        .replaceAll(w.repo.split('/')[1]!, PICTURE_REPO.split('/')[1]!)
        .replaceAll(w.djFront.url.replace(/\/$/, ''), PICTURE_DJ)
        .replaceAll(new URL(w.djFront.url).host, new URL(PICTURE_DJ).host)
        .replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z| UTC)?/g, '2026-08-22T10:15:30Z');
    };
    const sent = (re: RegExp) =>
      w.gh.requests
        .filter(q => q.method !== 'GET' && re.test(q.rawPath) && (q.answer?.status ?? 0) < 300)
        .map(q => ({ method: q.method, rawPath: q.rawPath, body: JSON.parse(fix(JSON.stringify(q.json ?? {}))) as Record<string, unknown> }));
    const runs: SentForCommit[] = [];
    const statusRequests: { rawPath: string; body: Record<string, unknown> }[] = [];
    for (const i of [0, 1]) {
      if (i === 1) shas.push(w.git.commitFiles(branch, Object.fromEntries(Object.keys(files).map(f => [f, null])), { message: 'revenue v2: without the broken nodes' }));
      const sha = shas[i]!;
      w.resetLogs();
      const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: RUN_IDS[i]! };
      const run = await w.run('pull_request', prEvent(i ? 'synchronize' : 'opened', branch, { number, sha }), { impact: 'false' }, env);
      if (w.gh.checkRuns(sha).length !== 1 || w.gh.deployments().filter(d => d.sha === sha).length !== 1) {
        throw new Error(`run ${i + 1}: expected one check run and one deployment:\n${run.stdout}`);
      }
      runs.push({ checkRuns: sent(/\/check-runs(\/\d+)?$/).map(({ method, body }) => ({ method, body })), deployments: sent(/\/deployments$/).map(b => b.body) });
      statusRequests.push(...sent(/\/deployments\/\d+\/statuses$/));
    }
    const shaOf = new Map(w.gh.deployments().map(d => [String(d.id), fix(d.sha)]));
    return {
      first: runs[0]!,
      second: runs[1]!,
      deploymentStatuses: statusRequests.map(q => ({ sha: shaOf.get(q.rawPath.split('/').at(-2)!) ?? '?', body: q.body })),
      files: Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => e[1] !== null)),
      branch,
      number,
    };
  } finally {
    await w.stop();
  }
}

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

const CSS = `
body { margin: 0; padding: 16px; background: #fff; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; font-size: 14px; line-height: 1.5; color: #1f2328; }
a { color: #0969da; text-decoration: none; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 85%; background: rgba(129,139,152,0.12); padding: .2em .4em; border-radius: 6px; }
pre { background: #f6f8fa; border-radius: 6px; padding: 16px; margin: 0 0 16px; overflow: auto; line-height: 1.45; }
table { border-collapse: collapse; margin: 0 0 16px; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; text-align: left; }
th { font-weight: 600; }
tr:nth-child(2n) td { background: #f6f8fa; }
details { margin: 0 0 16px; }
p { margin: 0 0 16px; }
ul { margin: 0 0 16px; padding-left: 2em; }
sub { color: #59636e; }
h3 { font-size: 1.25em; font-weight: 600; margin: 0 0 16px; line-height: 1.4; }
.muted { color: #59636e; }
.label { display: inline-block; padding: 0 7px; font-size: 12px; font-weight: 500; line-height: 18px; border: 1px solid #d1d9e0; border-radius: 2em; }
.label.green { color: #1a7f37; border-color: #1a7f37; } .label.red { color: #d1242f; border-color: #d1242f; } .label.grey { color: #59636e; }
.markdown-alert { padding: 8px 16px; margin-bottom: 16px; border-left: .25em solid #d1d9e0; }
.markdown-alert > :last-child { margin-bottom: 0; }
.markdown-alert-title { display: flex; align-items: center; font-weight: 500; margin-bottom: 4px; }
.markdown-alert-title svg { margin-right: 8px; fill: currentColor; }
.markdown-alert-caution { border-left-color: #cf222e; } .markdown-alert-caution .markdown-alert-title { color: #d1242f; }
.markdown-alert-warning { border-left-color: #9a6700; } .markdown-alert-warning .markdown-alert-title { color: #9a6700; }
.markdown-alert-note { border-left-color: #0969da; } .markdown-alert-note .markdown-alert-title { color: #0969da; }
.ok { color: #1a7f37; } .bad { color: #d1242f; } .warn { color: #9a6700; }
/* the Checks tab */
.checks { display: flex; border: 1px solid #d1d9e0; border-radius: 6px; max-width: 1060px; }
.side { width: 230px; flex: none; border-right: 1px solid #d1d9e0; background: #f6f8fa; padding: 8px 0; border-radius: 6px 0 0 6px; }
.side .suite { padding: 6px 16px; font-weight: 600; }
.side .run { padding: 6px 16px 6px 28px; }
.side .run.selected { background: #fff; border-left: 2px solid #fd8c73; font-weight: 600; }
.pane { flex: 1; padding: 16px 24px; min-width: 0; }
.pane h2 { font-size: 20px; font-weight: 400; margin: 0 0 4px; }
.pane .title { font-size: 16px; font-weight: 600; margin: 12px 0 16px; }
.pane hr { border: 0; border-top: 1px solid #d1d9e0; margin: 16px 0; }
.annotations { border: 1px solid #d1d9e0; border-radius: 6px; }
.annotations .head { background: #f6f8fa; padding: 8px 16px; border-bottom: 1px solid #d1d9e0; font-weight: 600; }
.annotations .one { padding: 8px 16px; }
.annotations .one + .one { border-top: 1px solid #d1d9e0; }
.annotations pre { margin: 4px 0 0; padding: 8px; white-space: pre-wrap; }
/* Files changed */
.file { border: 1px solid #d1d9e0; border-radius: 6px; max-width: 960px; }
.file .head { background: #f6f8fa; padding: 8px 16px; border-bottom: 1px solid #d1d9e0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.diff { width: 100%; border-collapse: collapse; display: table; margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.diff td { border: 0; padding: 0 10px; background: #e6ffec !important; white-space: pre-wrap; line-height: 20px; }
.diff td.num { width: 1%; color: #59636e; text-align: right; background: #ccffd8 !important; }
.diff td.annot { background: #fff !important; padding: 8px 16px; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; font-size: 14px; white-space: normal; border-top: 1px solid #d1d9e0; border-bottom: 1px solid #d1d9e0; }
.annot .box { border-left: 3px solid #9a6700; padding: 4px 12px; }
.annot .box.failure { border-left-color: #d1242f; }
.annot pre { margin: 6px 0 0; padding: 8px; white-space: pre-wrap; font-size: 12px; }
/* the deployment box */
.timeline { max-width: 860px; }
.event { display: flex; align-items: center; gap: 10px; padding: 10px 0; border-left: 2px solid #d1d9e0; margin-left: 16px; padding-left: 16px; }
.event .icon { width: 32px; height: 32px; border-radius: 50%; background: #eaeef2; display: flex; align-items: center; justify-content: center; margin-left: -33px; flex: none; border: 2px solid #fff; }
.event .text { flex: 1; }
.btn { display: inline-block; padding: 3px 12px; font-size: 12px; font-weight: 500; border: 1px solid #d1d9e0; border-radius: 6px; background: #f6f8fa; color: #1f2328; }
.mergebox { border: 1px solid #d1d9e0; border-radius: 6px; margin-top: 16px; }
.mergebox .row { display: flex; align-items: center; gap: 12px; padding: 12px 16px; }
.mergebox .row + .row { border-top: 1px solid #d1d9e0; }
.mergebox .dot { width: 28px; height: 28px; border-radius: 50%; display: flex; align-items: center; justify-content: center; color: #fff; font-weight: 700; flex: none; }
`;

function page(title: string, note: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    body,
    `<p class="muted" style="margin-top:12px">${esc(note)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
}

const ICON: Record<string, string> = { success: '<span class="ok">✔</span>', failure: '<span class="bad">✘</span>', warning: '<span class="warn">⚠</span>' };

/** The check run as GitHub shows it: what the create request set, with every request's annotations. */
function checkRunOf(sent: SentForCommit) {
  const create = sent.checkRuns.find(r => r.method === 'POST');
  if (!create) throw new Error('no check run was created');
  const output = (r: { body: Record<string, unknown> }) => (r.body.output ?? {}) as { title?: string; summary?: string; annotations?: Record<string, unknown>[] };
  const last = [...sent.checkRuns].reverse().find(r => output(r).title !== undefined) ?? create;
  return {
    name: String(create.body.name),
    conclusion: String([...sent.checkRuns].reverse().find(r => r.body.conclusion)?.body.conclusion ?? ''),
    title: output(last).title ?? '',
    summary: output(last).summary ?? '',
    annotations: sent.checkRuns.flatMap(r => output(r).annotations ?? []),
  };
}

function annotationBox(a: Record<string, unknown>, name: string, className = ''): string {
  const level = String(a.annotation_level);
  return [
    `<div class="${className}">`,
    `<div>${ICON[level] ?? ''} <b>Check ${level === 'failure' ? 'failure' : esc(level)}</b> <span class="muted">on line ${esc(a.start_line)} in ${esc(a.path)}</span></div>`,
    `<div class="muted">${esc(name)}</div>`,
    `<div><b>${esc(a.title)}</b></div>`,
    `<pre>${esc(a.message)}</pre>`,
    '</div>',
  ].join('\n');
}

/** The page a picture is taken of. */
export function checkPictureHtml(kind: CheckPictureKind, rec: CheckPictureRecord): string {
  const note = 'A rendering of the requests dj-branch-sync sent to the GitHub emulator (not a GitHub screenshot).';
  if (kind === 'check-run') {
    const run = checkRunOf(rec.first);
    const other = checkRunOf(rec.second);
    const levels = new Map<string, number>();
    for (const a of run.annotations) levels.set(String(a.annotation_level), (levels.get(String(a.annotation_level)) ?? 0) + 1);
    const counts = [...levels].map(([l, n]) => `${n} ${l}${n === 1 ? '' : 's'}`).join(', ');
    return page(
      `Checks tab: ${run.name}`,
      `${note} The pull request's first push; after the second, the same check run on the new commit is ${other.conclusion}.`,
      [
        '<div class="checks"><div class="side">',
        '<div class="suite">GitHub Actions</div>',
        `<div class="run selected">${ICON[run.conclusion] ?? ''} ${esc(run.name)}</div>`,
        '</div><div class="pane">',
        `<h2>${esc(run.name)}</h2>`,
        `<div class="muted">${ICON[run.conclusion] ?? ''} ${esc(run.conclusion)} · completed</div>`,
        `<div class="title">${esc(run.title)}</div>`,
        reportHtml(run.summary),
        '<hr>',
        `<div class="annotations"><div class="head">Annotations <span class="muted">${esc(counts)}</span></div>`,
        ...run.annotations.map(a => annotationBox(a, run.name, 'one')),
        '</div></div></div>',
      ].join('\n'),
    );
  }
  if (kind === 'annotation') {
    const run = checkRunOf(rec.first);
    const a = run.annotations[0];
    if (!a) throw new Error('no annotation was sent');
    const text = rec.files[String(a.path)];
    if (text === undefined) throw new Error(`no file ${String(a.path)}`);
    const lines = text.replace(/\n$/, '').split('\n');
    const rows: string[] = [];
    lines.forEach((line, i) => {
      rows.push(`<tr><td class="num">${i + 1}</td><td>+ ${esc(line)}</td></tr>`);
      if (i + 1 === Number(a.end_line)) {
        rows.push(`<tr><td class="annot" colspan="2">${annotationBox(a, run.name, `box ${esc(a.annotation_level)}`)}</td></tr>`);
      }
    });
    return page(
      `Files changed: ${String(a.path)}`,
      note,
      [
        `<div class="file"><div class="head">${esc(a.path)} <span class="muted">(new file, +${lines.length})</span></div>`,
        `<table class="diff">${rows.join('\n')}</table>`,
        '</div>',
      ].join('\n'),
    );
  }
  // The deployment box: each deployment of the pull request in its timeline, and the merge box's line.
  const deployments = [...rec.first.deployments, ...rec.second.deployments];
  const statusesOf = (d: Record<string, unknown>) => rec.deploymentStatuses.filter(s => s.sha === d.ref).map(s => s.body);
  const events = deployments.map(d => {
    const statuses = statusesOf(d);
    const state = String(statuses.at(-1)?.state ?? 'pending');
    const url = [...statuses].reverse().find(s => typeof s.environment_url === 'string')?.environment_url;
    const verb = d.transient_environment ? 'temporarily deployed to' : 'deployed to';
    const badge =
      state === 'success'
        ? '<span class="label green">Active</span>'
        : state === 'inactive'
          ? '<span class="label grey">Inactive</span>'
          : `<span class="label red">${esc(state)}</span>`;
    const described = [...statuses].reverse().find(s => typeof s.description === 'string' && s.state !== 'inactive')?.description;
    return [
      '<div class="event"><div class="icon">🚀</div><div class="text">',
      `<b>github-actions</b> <span class="label">bot</span> ${verb} <b>${esc(d.environment)}</b> ${badge}`,
      `<div class="muted"><code>${esc(String(d.ref).slice(0, 7))}</code> · ${esc(d.description)}${described ? ` · ${esc(described)}` : ''}</div>`,
      '</div>',
      url && state !== 'inactive' ? `<a class="btn" href="${esc(url)}">View deployment</a>` : '',
      '</div>',
    ].join('\n');
  });
  const active = deployments.filter(d => statusesOf(d).at(-1)?.state === 'success');
  const env = String(deployments.at(-1)?.environment ?? '');
  return page(
    `Deployments: ${env}`,
    note,
    [
      '<div class="timeline">',
      ...events,
      '<div class="mergebox">',
      `<div class="row"><div class="dot" style="background:#1a7f37">🚀</div><div><b>This branch was successfully deployed</b><div class="muted">${active.length} active deployment${active.length === 1 ? '' : 's'}</div></div></div>`,
      ...active.map(d => {
        const url = [...statusesOf(d)].reverse().find(s => typeof s.environment_url === 'string')?.environment_url;
        return `<div class="row"><div style="flex:1">${ICON.success} <b>${esc(d.environment)}</b> <span class="muted">${esc(d.description)}</span></div>${url ? `<a class="btn" href="${esc(url)}">View deployment</a>` : ''}</div>`;
      }),
      '</div></div>',
    ].join('\n'),
  );
}
