/**
 * Reliability class "secrets and the log": secrets that are ordinary words (`dj`, `sync`, `1`)
 * must not corrupt the action's own output (JSON outputs, counts, the sticky comment's marker,
 * the summary) while staying out of everything the runner does not mask; no text from a
 * server can start a workflow command under the runner's real parsing (bare `\r`, Unicode
 * whitespace before `::`, legacy `##[command]` anywhere); URL inputs with credentials are never
 * echoed, parsed or not.
 */
import { test, describe, beforeAll as before, afterAll as after, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startWorld, pushBranch, ROOT, GH_TOKEN, type World } from '../../harness/world.js';
import { prEvent, setRepo } from '../../harness/payloads.js';
import { runAction } from '../../harness/run-action.js';
import { neutralizeCommands, redactUrl, Redactor } from '../../src/log-safety.js';
import { count, oneClearError } from './support.js';

const ENC = encodeURIComponent;

/** The runner's registered command names (actions/runner ActionCommandManager), any case. */
const COMMANDS = new Set([
  'add-mask',
  'set-output',
  'set-env',
  'add-path',
  'save-state',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
  'add-matcher',
  'remove-matcher',
]);

/** .NET's Char.IsWhiteSpace, which String.TrimStart() uses. */
const NET_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

/**
 * The commands a runner would run from `stdout`, parsed as actions/runner does: lines split on
 * `\r\n`, `\n` or `\r` (StreamReader.ReadLine); `::name …::data` after TrimStart (TryParseV2);
 * else `##[name …]data` anywhere in the line (TryParse). Returns [name, data] pairs.
 */
function runnerCommands(stdout: string): [string, string][] {
  const found: [string, string][] = [];
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(NET_SPACE, '');
    if (trimmed.startsWith('::')) {
      const end = trimmed.indexOf('::', 2);
      const name = end < 0 ? '' : trimmed.slice(2, end).split(' ')[0]!.toLowerCase();
      if (COMMANDS.has(name)) {
        found.push([name, trimmed.slice(end + 2)]);
        continue;
      }
    }
    const at = line.indexOf('##[');
    const rb = at < 0 ? -1 : line.indexOf(']', at);
    if (rb > 0) {
      const name = line
        .slice(at + 3, rb)
        .split(' ')[0]!
        .toLowerCase();
      if (COMMANDS.has(name)) found.push([name, line.slice(rb + 1)]);
    }
  }
  return found;
}

/** Commands whose data starts with FORGED: ones a hostile text started, never the action. */
function forged(stdout: string): string[] {
  return runnerCommands(stdout)
    .filter(([, data]) => data.startsWith('FORGED'))
    .map(([name, data]) => `${name}: ${data.slice(0, 40)}`);
}

const HOSTILE = [
  'x\r::error::FORGED bare CR',
  'x\n::warning::FORGED newline',
  'x\r\n::add-mask::FORGED crlf',
  '\u00a0::error::FORGED nbsp',
  'x\n\u3000::error::FORGED ideographic space',
  'x\n\u2028::error::FORGED line separator',
  'x\n\u0085::error::FORGED next line',
  'x\n\t \u2003::error::FORGED mixed space',
  'plain text ##[error]FORGED legacy mid-line',
  '##[warning]FORGED legacy at start',
  '##[set-output name=x]FORGED legacy with properties',
  'x\r  ##[add-mask]FORGED legacy after CR',
  '::ERROR::FORGED upper case',
];

describe('log: no forged workflow commands (pure, the runner’s parsing)', () => {
  test.each(HOSTILE)('%j cannot start a command once neutralized', text => {
    count('log.cases');
    assert.ok(forged(text).length > 0, 'the case does start a command when printed raw');
    assert.deepEqual(forged(neutralizeCommands(text)), []);
    count('log.held');
  });

  test('fuzzed text made of command fragments never starts a command once neutralized', () => {
    const piece = fc.constantFrom(
      '::',
      '##[',
      ']',
      '\r',
      '\n',
      '\r\n',
      ' ',
      '\t',
      '\u00a0',
      '\u2028',
      '\u3000',
      '\u0085',
      '\ufeff',
      '\u200b',
      'error',
      'warning',
      'add-mask',
      'FORGED',
      'x',
      ':',
      '#',
      '[',
    );
    let runs = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), pieces => {
        runs++;
        const text = neutralizeCommands(pieces.join(''));
        return runnerCommands(text).length === 0;
      }),
      { numRuns: 3000 },
    );
    count('log.fuzzed', runs);
  });

  test('neutralizing is idempotent and changes only the command openers', () => {
    count('log.cases');
    const text = 'a::b ## [c] ::d\n  e';
    assert.equal(neutralizeCommands(text), text);
    const once = neutralizeCommands(HOSTILE.join('\n'));
    assert.equal(neutralizeCommands(once), once);
    count('log.held');
  });
});

describe('secrets: redaction of server text only, never of the action’s own output', () => {
  test('a Redactor replaces the longest secret first and never throws on odd input', () => {
    count('log.cases');
    const r = new Redactor();
    r.add('dj');
    r.add('dj-token-long');
    assert.equal(r.text('x dj-token-long y dj'), 'x *** y ***');
    assert.equal(r.text(undefined as unknown as string), 'undefined');
    let deep: unknown = 'dj';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    assert.doesNotThrow(() => r.deep(deep));
    count('log.held');
  });
});

describe('secrets that are ordinary words, through dist/index.js', () => {
  let w: World;
  let pr = 700;
  before(async () => {
    w = await startWorld();
    w.dj.addUser('dj', 'dj');
    w.dj.addToken('1');
    w.dj.addToken('sync');
  });
  after(async () => {
    await w.stop();
  });
  beforeEach(() => w.resetLogs());

  const words: [string, Record<string, string>][] = [
    ['user dj, password dj', { 'dj-token': '', 'dj-username': 'dj', 'dj-password': 'dj' }],
    ['token 1', { 'dj-token': '1' }],
    ['token sync', { 'dj-token': 'sync' }],
  ];

  test.each(words)('%s: the run succeeds, outputs are valid JSON with numbers, the comment is written once and left alone on a re-run', async (_name, inputs) => {
    count('log.cases');
    const n = pr++;
    const branch = `word/case-${n}`;
    pushBranch(w, branch, [
      { name: '${prefix}orders', type: 'source', query: 'orders' },
      { name: '${prefix}revenue', type: 'metric', query: 'SUM(amount)', status: 'failed', message: 'dj said: column 1 of revenue does not sync' },
    ]);
    const first = await w.run('pull_request', prEvent('opened', branch, { number: n }), { ...inputs, 'fail-on': 'never' });
    assert.equal(first.exitCode, 0, first.stdout + first.stderr);
    for (const key of ['results', 'counts', 'branches', 'pruned']) assert.doesNotThrow(() => JSON.parse(first.outputs[key]!), `${key}: ${first.outputs[key]}`);
    const counts = JSON.parse(first.outputs.counts!) as Record<string, unknown>;
    assert.deepEqual(counts, { success: 1, failed: 1, invalid: 0, skipped: 0, warning: 0 });
    assert.equal(first.outputs.operation, 'created');
    assert.equal(first.outputs.namespace, `${ROOT}.word_case_${n}`);
    assert.match(first.outputs['deployed-sha']!, /^[0-9a-f]{40}$/);
    const comments = w.gh.comments(n);
    assert.equal(comments.length, 1);
    assert.match(comments[0]!.body, /<!-- dj-branch-sync:[0-9a-f]{40} -->/, 'the marker is intact');
    assert.match(first.summary, /dj-branch-sync|revenue/);
    // The server's message quoting the secret is redacted in what the runner does not mask.
    const results = JSON.parse(first.outputs.results!) as { message: string }[];
    const secret = inputs['dj-password'] ?? inputs['dj-token']!;
    assert.ok(!results.some(r => r.message.includes(secret)), first.outputs.results);

    // The second run reports 'updated' (its comment changes); the third says the same again.
    await w.run('pull_request', prEvent('opened', branch, { number: n }), { ...inputs, 'fail-on': 'never' });
    w.resetLogs();
    const second = await w.run('pull_request', prEvent('opened', branch, { number: n }), { ...inputs, 'fail-on': 'never' });
    assert.equal(second.exitCode, 0, second.stdout + second.stderr);
    assert.equal(w.gh.comments(n).length, 1, 'still one comment');
    assert.ok(!w.ghLog().some(l => (l.startsWith('PATCH') || l.startsWith('POST')) && l.includes('/comments')), `the comment is left alone: ${w.ghLog().join(', ')}`);
    count('log.held');
  });
});

describe('forged commands from server text, through dist/index.js', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  test('prune over namespaces whose names carry command openers: nothing forged in the log', async () => {
    count('log.cases');
    const rows = HOSTILE.map((name, i) => ({
      namespace: `${ROOT}.x${i}${name}`,
      git_branch: `gone/${i}${name}`,
      parent_namespace: ROOT,
      github_repo_path: 'acme/dj-definitions',
      num_nodes: 1,
      invalid_node_count: 0,
      git_only: false,
      last_updated_at: '2026-01-01T00:00:00',
    }));
    w.dj.addFault({
      method: 'GET',
      path: `/namespaces/${ENC(ROOT)}/branches`,
      status: 200,
      body: [
        {
          namespace: `${ROOT}.main`,
          git_branch: 'main',
          parent_namespace: ROOT,
          github_repo_path: 'acme/dj-definitions',
          num_nodes: 4,
          invalid_node_count: 0,
          git_only: false,
          last_updated_at: null,
        },
        ...rows,
      ],
    });
    const sched = { schedule: '1 2 * * *' };
    setRepo(sched, 'acme/dj-definitions');
    const r = await w.run('schedule', sched, { operation: 'prune' });
    assert.ok(r.stdout.includes('FORGED'), 'the hostile names reached the log');
    assert.deepEqual(forged(r.stdout), []);
    count('log.held');
  });

  test('a DJ error message with command openers: one error line, nothing forged', async () => {
    count('log.cases');
    pushBranch(w, 'feature/forge');
    w.dj.addFault({ method: 'GET', path: `/namespaces/${ENC(`${ROOT}.feature_forge`)}/git`, status: 400, body: { message: HOSTILE.join('\n') }, times: Infinity });
    const r = await w.run('pull_request', prEvent('opened', 'feature/forge', { number: 790 }), { comment: 'false' });
    assert.equal(r.exitCode, 1);
    // Exactly the action's own failure line, however the runner splits and trims.
    assert.deepEqual(runnerCommands(r.stdout).filter(([name]) => name === 'error').length, 1, r.stdout);
    assert.deepEqual(forged(r.stdout), []);
    w.dj.clearFaults();
    count('log.held');
  });
});

describe('credentials in URL inputs are never echoed', () => {
  const PW = 'hunter2-url-password';
  const urls = [
    `https://ci:${PW}@dj.example.com:99999/`,
    `https://ci:${PW}@dj example.com/`,
    `ftp://ci:${PW}@dj.example.com/`,
    `dj.example.com/?token=${PW}`,
    `https://dj.example.com/?token=${PW}`,
    `https://dj.example.com/#${PW}`,
    `https://ci:${PW}@dj.example.com/`,
    `not a url ${PW}`,
    `ci:${PW}@dj.example.com`,
  ];
  const inputs = (url: string): [string, Record<string, string>][] => [
    ['dj-url', { 'dj-url': url, namespace: ROOT, 'dj-token': 'x-token-value' }],
    ['dj-ui-url', { 'dj-url': 'http://127.0.0.1:9', 'dj-ui-url': url, namespace: ROOT, 'dj-token': 'x-token-value' }],
    ['fossil-url', { target: 'fossil', 'fossil-url': url }],
    ['pdc-url', { target: 'pdc', 'pdc-url': url, 'pdc-global-component': 'c' }],
  ];
  test.each(urls.flatMap(u => inputs(u).map(([input, i]) => [input, u, i] as const)))('%s %j: an input error that does not show the credential', async (input, _url, i) => {
    count('log.cases');
    const r = await runAction({ eventName: 'workflow_dispatch', payload: {}, inputs: { 'github-token': GH_TOKEN, ...i }, env: { GITHUB_REPOSITORY: 'acme/dj-definitions' } });
    assert.match(oneClearError(r), new RegExp(`Input error: Input '${input}'`));
    const shown = [r.stdout, r.stderr, r.summary, ...Object.values(r.outputs)].join('\n');
    assert.ok(!shown.includes(PW), shown);
    count('log.held');
  });

  test('redactUrl keeps what helps and drops what may be secret', () => {
    count('log.cases');
    assert.equal(redactUrl('https://u:p@h.example:8443/api/?k=v#f'), 'https://***@h.example:8443/api/?***#***');
    assert.equal(redactUrl('https://h.example'), 'https://h.example');
    assert.equal(redactUrl('https://u:p@h example/'), 'https://***@h***');
    assert.equal(redactUrl('ci:pw@h.example'), '***@h.example');
    count('log.held');
  });
});

describe('libraries that print: nothing a pull request contains reaches the log unescaped (issue 19, class 4)', () => {
  /** Node files whose lines the YAML parser would quote in its warnings (process.emitWarning). */
  const NODE_FILES: [string, string][] = [
    ['an unresolved tag on a forged line', 'name: ${prefix}forged_tag\n::error::FORGED tag: !foo x\nquery: SELECT 1\n'],
    ['an unknown directive', '%FOO ::error::FORGED directive\n---\nname: ${prefix}forged_directive\nquery: SELECT 1\n'],
    ['a YAML version the parser does not know', '%YAML 1.3 ::warning::FORGED version\n---\nname: ${prefix}forged_version\n'],
    ['a collection as a key', 'name: ${prefix}forged_key\n? [::error::FORGED key]\n: x\n'],
  ];

  test.each(NODE_FILES)('the YAML parser reading %s prints nothing itself', async (_name, text) => {
    count('print.cases');
    const { nodeOfYaml } = await import('../../src/targets/dj/preview.js');
    const printed: unknown[] = [];
    const original = process.emitWarning;
    process.emitWarning = ((w: unknown) => void printed.push(w)) as typeof process.emitWarning;
    try {
      nodeOfYaml(text);
    } finally {
      process.emitWarning = original;
    }
    assert.deepEqual(printed, []);
    count('print.held');
  });

  test('through dist/index.js: a pull request whose node files make the parser warn starts no command, on stdout or stderr', async () => {
    count('print.cases');
    const { startDjWorld } = await import('../../harness/dj-world.js');
    const dw = await startDjWorld();
    try {
      dw.git.commitFiles('forged', Object.fromEntries(NODE_FILES.map(([, text], i) => [`nodes/forged_${i}.yaml`, text])), { from: 'main', message: 'forged' });
      dw.djFront.addFault({ method: 'GET', path: '/namespaces/demo.metrics.main/export/spec', times: Infinity, status: 200, body: { namespace: 'demo.metrics.main', nodes: [] } });
      const payload = prEvent('opened', 'forged', { number: 808, sha: dw.git.head('forged')! }) as { pull_request: { base: { sha: string } } };
      payload.pull_request.base.sha = dw.git.head('main')!;
      const r = await dw.run('pull_request', payload, { 'fail-on': 'never' }, { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' });
      assert.ok(
        dw.ghLog().some(l => l.includes('/contents/nodes/forged_0.yaml')),
        'the preview read the files',
      );
      assert.deepEqual(forged(`${r.stdout}\n${r.stderr}`), []);
      assert.doesNotMatch(r.stderr, /YAMLWarning|Unresolved tag/);
    } finally {
      await dw.stop();
    }
    count('print.held');
  });

  test('a warning any library emits in the action process becomes one escaped debug line', async () => {
    count('print.cases');
    const { routeProcessWarnings } = await import('../../src/runner.js');
    const original = process.emitWarning;
    const writes: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array) => void writes.push(String(chunk))) as unknown as typeof process.stdout.write;
    try {
      routeProcessWarnings();
      process.emitWarning('quoted line\n::error::FORGED from a library\r##[warning]FORGED legacy');
    } finally {
      process.emitWarning = original;
      process.stdout.write = write;
    }
    assert.deepEqual(forged(writes.join('')), []);
    count('print.held');
  });
});
