/**
 * Property-based tests (fast-check) of everything the action takes from outside:
 * - random branch names (unicode, spaces, dots, slashes, very long, control characters, `%`,
 *   `#`, `?`, lone surrogates) → a valid namespace or an InputError, never another error;
 * - the same names through the DJ target and the DJ and GitHub clients against the emulators,
 *   in process: every path segment that reaches the wire is percent-encoded and decodes to
 *   exactly what was meant, and a name that cannot be sent is refused before any request;
 * - every @octokit/webhooks-examples payload for create, delete, push and pull_request, and
 *   mutations of them (fields missing, null, wrong types) → a plan or an InputError;
 * - a few dozen of those mutations through dist/index.js: exit 0, or 1 with one ::error:: and
 *   no stack trace.
 */
import { test, describe, beforeAll as before, afterAll as after } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { namespaceForBranch, djSuffix } from '../../src/naming.js';
import { toBranchEvent } from '../../src/event.js';
import { decide } from '../../src/plan.js';
import { readSettings, type Settings } from '../../src/settings.js';
import { InputError, RefusedError } from '../../src/errors.js';
import { type TargetDeps } from '../../src/targets/target.js';
import { createTarget } from '../../src/targets/dj/target.js';
import { DJClient } from '../../src/targets/dj/client.js';
import { GitHubClient } from '../../src/github.js';
import { DJEmulator } from '../../emulators/dj.js';
import { GitHubEmulator } from '../../emulators/github.js';
import { examples } from '../../harness/payloads.js';
import { startWorld, ROOT, type World } from '../../harness/world.js';
import { count } from './support.js';

/** What encodeURIComponent may leave in a segment: unreserved marks, or %XX escapes. */
const ENCODED_SEGMENT = /^(?:[A-Za-z0-9\-_.!~*'()]|%[0-9A-F]{2})+$/;
/** Text no encoding can carry: a surrogate without its pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A namespace the DJ segment rule accepts, under the root. */
const VALID_NS = /^demo\.metrics\.[A-Za-z][A-Za-z0-9_]*$/;

const SPECIAL = [
  '/',
  '/',
  '-',
  '_',
  '.',
  '..',
  ' ',
  '%',
  '%2F',
  '%2e',
  '#',
  '?',
  '&',
  '=',
  '+',
  '\\',
  ';',
  ':',
  '@',
  '~',
  '^',
  '*',
  '[',
  '`',
  '|',
  '<',
  '>',
  '"',
  "'",
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u200d',
  '\u202e',
  '\ufeff',
  'é',
  'ß',
  'İ',
  'ﬁ',
  'Ω',
  '日本',
  '🙂',
  '👩‍💻',
  '\uD800',
  '\uDC00',
];
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...'abcxyzABCXYZ0129') },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
/** Branch names: mostly hostile, some valid-looking, some very long, some raw code points. */
const branchName = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit, maxLength: 30 }) },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_/-]{0,30}$/) },
  { weight: 1, arbitrary: fc.string({ unit, minLength: 200, maxLength: 600 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

/** Names every run tries first: the ones a URL parser or a server would reinterpret. */
const EDGE_NAMES: [string][] = [
  '',
  '.',
  '..',
  '/',
  '//',
  '../x',
  'a/../../b',
  '%2e%2e',
  '.%2E',
  '%',
  '%25',
  '%2F',
  '?x=1',
  '#frag',
  'a?b#c',
  ' ',
  '\u0000',
  '\n',
  'user',
  'User',
  'main',
  'feature/x',
  'feature-x',
  '9lives',
  '_x',
  'x'.repeat(1_000),
  '\uD800',
  'é',
  '🙂',
].map(n => [n]);

function settingsFor(djUrl: string, extra: Record<string, string> = {}): Settings {
  const env: NodeJS.ProcessEnv = { 'INPUT_DJ-URL': djUrl, INPUT_NAMESPACE: ROOT, 'INPUT_DJ-TOKEN': 'fuzz-token', 'INPUT_GITHUB-TOKEN': 'ghs_fuzz' };
  for (const [k, v] of Object.entries(extra)) env[`INPUT_${k.toUpperCase()}`] = v;
  return readSettings(env, () => undefined);
}

const deps: TargetDeps = { log: () => undefined, mask: () => undefined, http: { timeoutMs: 5_000, retries: 0 } };

/** Checks one recorded path against the segments the caller meant; throws on any mismatch. */
function assertEncoded(rawPath: string, meant: string[]): void {
  assert.ok(!/[?#]/.test(rawPath), `no raw ? or # in ${rawPath}`);
  const raw = rawPath.split('/');
  // A trailing slash in the template gives one empty last piece.
  const pieces = raw.at(-1) === '' ? raw.slice(1, -1) : raw.slice(1);
  assert.equal(pieces.length, meant.length, `segment count of ${rawPath} (meant ${JSON.stringify(meant)})`);
  pieces.forEach((piece, i) => {
    assert.match(piece, ENCODED_SEGMENT, `segment ${i} of ${rawPath}`);
    assert.equal(decodeURIComponent(piece), meant[i], `segment ${i} of ${rawPath} decodes to what was meant`);
  });
  count('paths.checked');
}

describe('branch names → namespaces (pure)', () => {
  test('5,000 random names: a valid namespace or an InputError naming the branch, nothing else', () => {
    fc.assert(
      fc.property(branchName, branch => {
        count('names.fuzzed');
        let ns: string;
        try {
          ns = namespaceForBranch(ROOT, branch);
        } catch (err) {
          assert.ok(err instanceof InputError, `only InputError, got ${String(err)}`);
          assert.ok(err.message.includes(`Git branch '${branch}'`), 'the refusal names the branch');
          count('names.refused');
          return;
        }
        assert.match(ns, VALID_NS);
        assert.equal(ns, `${ROOT}.${djSuffix(branch)}`, "the server's own rule");
        assert.notEqual(djSuffix(branch), 'user', 'reserved name refused');
      }),
      { numRuns: 5_000, examples: EDGE_NAMES },
    );
  });
});

describe('names on the wire: DJ target and clients against the emulators, in process', () => {
  const dj = new DJEmulator();
  const gh = new GitHubEmulator({ owner: 'acme', repo: 'dj-definitions' });
  before(async () => {
    dj.seedRoot(ROOT, { repo: 'acme/dj-definitions', nodes: [{ name: 'orders' }] });
    await Promise.all([dj.start(), gh.start()]);
    gh.addToken('ghs_fuzz', { kind: 'workflow' });
  });
  after(async () => {
    await Promise.all([dj.stop(), gh.stop()]);
  });

  test('400 names through ensure and remove: refused before any request, or every segment encoded', async () => {
    const target = createTarget(settingsFor(dj.url), deps);
    await fc.assert(
      fc.asyncProperty(branchName, async branch => {
        count('names.fuzzed');
        const before = dj.requests.length;
        let ns: string;
        try {
          ns = target.nameFor(branch);
        } catch (err) {
          assert.ok(err instanceof InputError);
          count('names.refused');
          await assert.rejects(target.ensure({ gitBranch: branch, deploy: true, dryRun: false }), InputError);
          await assert.rejects(target.remove({ gitBranch: branch, dryRun: false }), InputError);
          assert.equal(dj.requests.length, before, 'nothing sent for a refused name');
          return;
        }
        count('names.sent');
        dj.addGitBranch(branch);
        dj.setYaml(branch, [{ name: '${prefix}orders', query: 'orders' }]);
        for (const call of [() => target.ensure({ gitBranch: branch, deploy: true, dryRun: false }), () => target.remove({ gitBranch: branch, dryRun: false })]) {
          try {
            await call();
          } catch (err) {
            // Names that differ only in '-', '/' and '_' collide, and main is never deleted.
            assert.ok(err instanceof RefusedError, `only a refusal, got ${String(err)}`);
          }
        }
        const sent = dj.requests.slice(before);
        assert.ok(sent.length > 0);
        for (const q of sent) {
          const shapes: Record<string, string[]> = {
            [`GET /namespaces/${ROOT}/git`]: ['namespaces', ROOT, 'git'],
            [`GET /namespaces/${ns}/git`]: ['namespaces', ns, 'git'],
            [`PATCH /namespaces/${ns}/git`]: ['namespaces', ns, 'git'],
            [`GET /namespaces/${ns}/`]: ['namespaces', ns],
            [`POST /namespaces/${ns}/sync-from-git`]: ['namespaces', ns, 'sync-from-git'],
            [`DELETE /namespaces/${ROOT}/branches/${ns}`]: ['namespaces', ROOT, 'branches', ns],
          };
          const meant = shapes[`${q.method} ${q.segments.length === 2 ? `/${q.segments.join('/')}/` : `/${q.segments.join('/')}`}`];
          assert.ok(meant, `an expected request: ${q.method} ${q.rawPath}`);
          assertEncoded(q.rawPath, meant);
        }
      }),
      { numRuns: 400, examples: EDGE_NAMES },
    );
  });

  test('DJ client with 600 arbitrary namespace strings (library use): encoded, or refused before sending', async () => {
    const client = new DJClient({ url: dj.url }, deps);
    await fc.assert(
      fc.asyncProperty(branchName, async name => {
        count('names.fuzzed');
        const before = dj.requests.length;
        try {
          await client.getGitConfig(name);
        } catch (err) {
          assert.ok(err instanceof RangeError, `refused as a segment, got ${String(err)}`);
          assert.ok(['', '.', '..'].includes(name) || LONE_SURROGATE.test(name), `refused only what cannot be sent: ${JSON.stringify(name)}`);
          assert.equal(dj.requests.length, before, 'nothing sent');
          count('names.refused');
          return;
        }
        const q = dj.requests.at(-1)!;
        assert.equal(dj.requests.length, before + 1);
        assertEncoded(q.rawPath, ['namespaces', name, 'git']);
      }),
      { numRuns: 600, examples: EDGE_NAMES },
    );
  });

  test('GitHub client with 600 arbitrary branch names: encoded, or refused before sending', async () => {
    const client = new GitHubClient({ baseUrl: gh.apiUrl, token: 'ghs_fuzz', timeoutMs: 5_000, retries: 0 });
    await fc.assert(
      fc.asyncProperty(branchName, async name => {
        count('names.fuzzed');
        const before = gh.requests.length;
        let exists: boolean;
        try {
          exists = await client.branchExists('acme', 'dj-definitions', name);
        } catch (err) {
          assert.ok(err instanceof RangeError, `refused as a segment, got ${String(err)}`);
          assert.equal(gh.requests.length, before, 'nothing sent');
          count('names.refused');
          return;
        }
        assert.equal(exists, false, 'no such branch, whatever the name');
        assertEncoded(gh.requests.at(-1)!.rawPath, ['repos', 'acme', 'dj-definitions', 'branches', name]);
      }),
      { numRuns: 600, examples: EDGE_NAMES },
    );
  });
});

type Json = Record<string, unknown>;

const HANDLED = ['create', 'delete', 'push', 'pull_request'] as const;
const SETTINGS_VARIANTS: Record<string, string>[] = [
  {},
  { 'ignore-branches': 'dependabot/**, release/*' },
  { 'on-pr-close': 'keep', deploy: 'none' },
  { operation: 'delete' },
  { operation: 'create', branch: 'feature/explicit' },
];
const PLAN_KINDS = new Set(['skip', 'ensure', 'deploy', 'remove', 'keep', 'create', 'list', 'prune']);

/** Event + settings → a plan (and a namespace for its branch) or an InputError. */
function decideOrRefuse(eventName: string, payload: Json, settings: Settings): void {
  count('payloads.tried');
  try {
    const event = toBranchEvent(eventName, payload, {});
    const plan = decide(event, settings);
    assert.ok(PLAN_KINDS.has(plan.kind), plan.kind);
    if ('branch' in plan && plan.branch !== undefined && plan.kind !== 'skip') namespaceForBranch(ROOT, plan.branch);
  } catch (err) {
    assert.ok(err instanceof InputError, `only InputError, got ${(err as Error)?.stack ?? String(err)}`);
  }
}

/** Every path into a payload, to depth 4. */
function pathsOf(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (prefix.length >= 4 || !value || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value)) {
    out.push([...prefix, k]);
    pathsOf(v, [...prefix, k], out);
  }
  return out;
}

const REPLACEMENTS: unknown[] = [
  undefined,
  null,
  0,
  42,
  -1,
  true,
  false,
  '',
  'x',
  'refs/heads/',
  'refs/tags/v1',
  'refs/heads/..',
  [],
  {},
  ['a'],
  { a: 1 },
  'a'.repeat(5_000),
  1e308,
  '\u0000',
];

function mutate(payload: Json, mutations: { path: number; with: number }[]): Json {
  const copy = structuredClone(payload);
  const paths = pathsOf(copy);
  for (const m of mutations) {
    const p = paths[m.path % paths.length];
    if (!p) continue;
    let node = copy as Record<string, unknown>;
    for (const key of p.slice(0, -1)) {
      const next = node[key];
      if (!next || typeof next !== 'object') {
        node = {};
        break;
      }
      node = next as Record<string, unknown>;
    }
    const value = REPLACEMENTS[m.with % REPLACEMENTS.length];
    if (value === undefined) delete node[p.at(-1)!];
    else node[p.at(-1)!] = structuredClone(value);
  }
  return copy;
}

const mutationArb = fc.record({
  event: fc.constantFrom(...HANDLED),
  example: fc.nat(),
  mutations: fc.array(fc.record({ path: fc.nat(), with: fc.nat() }), { minLength: 1, maxLength: 4 }),
});

function mutated(m: { event: (typeof HANDLED)[number]; example: number; mutations: { path: number; with: number }[] }): Json {
  const list = examples(m.event);
  return mutate(list[m.example % list.length]!, m.mutations);
}

describe('webhook payloads → decisions', () => {
  const variants = SETTINGS_VARIANTS.map(extra => settingsFor('http://127.0.0.1:9', extra));

  test('every @octokit/webhooks-examples payload of the handled events, under 5 settings: a plan or an InputError', () => {
    let n = 0;
    for (const event of HANDLED) {
      for (const payload of examples(event)) {
        for (const s of variants) {
          decideOrRefuse(event, payload, s);
          n++;
        }
      }
    }
    assert.ok(n >= 45 * variants.length, `all examples tried (${n})`);
  });

  test('1,000 mutations (fields missing, null, wrong types): a plan or an InputError, never a crash', () => {
    fc.assert(
      fc.property(mutationArb, fc.nat({ max: variants.length - 1 }), (m, v) => {
        decideOrRefuse(m.event, mutated(m), variants[v]!);
      }),
      { numRuns: 1_000 },
    );
  });

  test('non-object payloads and events without payload fields', () => {
    for (const event of [...HANDLED, 'pull_request_target', 'workflow_dispatch', 'schedule', '']) {
      for (const payload of [{}, { ref: null }, { pull_request: null }, { pull_request: { head: null } }, { repository: 'x' }]) {
        for (const s of variants) decideOrRefuse(event, payload as Json, s);
      }
    }
  });
});

describe('mutated payloads through dist/index.js', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.stop();
  });

  test('36 runs: exit 0, or exit 1 with exactly one ::error:: and no stack trace', async () => {
    const samples = fc.sample(mutationArb, { numRuns: 30, seed: 20260822 });
    const runs: { event: string; payload: unknown }[] = samples.map(m => ({ event: m.event, payload: mutated(m) }));
    // Payload files that are not objects at all.
    for (const payload of [null, [], 'text', 42, { pull_request: [] }, { ref: { nested: true }, ref_type: 'branch' }]) runs.push({ event: 'pull_request', payload });
    const results = [];
    for (let i = 0; i < runs.length; i += 6) {
      results.push(...(await Promise.all(runs.slice(i, i + 6).map(r => w.run(r.event, r.payload)))));
    }
    results.forEach((r, i) => {
      count('payloads.dist');
      count('payloads.tried');
      const what = `${runs[i]!.event} ${JSON.stringify(runs[i]!.payload)?.slice(0, 200)}`;
      assert.ok(r.exitCode === 0 || r.exitCode === 1, `exit code ${r.exitCode}: ${what}`);
      assert.equal(r.errors.length, r.exitCode, `${r.exitCode ? 'one ::error::' : 'no ::error::'}: ${what}\n${r.stdout}`);
      assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+|TypeError|ReferenceError/, `no crash on stderr: ${what}\n${r.stderr}`);
      if (r.exitCode === 1) assert.doesNotMatch(r.errors[0]!, /Cannot read properties|is not a function|undefined/, `a clear message: ${r.errors[0]}`);
    });
    assert.ok(results.some(r => r.exitCode === 0) && results.some(r => r.exitCode === 1), 'both outcomes occurred');
  });
});
