/**
 * SPEC §13 in pure parts: the command on a comment's first line, the `issue_comment` payload
 * read into the event, and the plans of the keep label and of `labeled` / `unlabeled`.
 */
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { toBranchEvent } from '../../src/event.js';
import { decide, type Plan } from '../../src/plan.js';
import { readSettings, type Settings } from '../../src/settings.js';
import { helpText, parseCommand } from '../../src/commands/command.js';
import { commentEvent, prEvent } from '../../harness/payloads.js';
import { InputError } from '../../src/errors.js';

function settings(inputs: Record<string, string> = {}): Settings {
  const env: Record<string, string> = { 'INPUT_DJ-URL': 'http://dj.local', INPUT_NAMESPACE: 'demo.metrics' };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return readSettings(env, () => undefined);
}

const kindOf = (p: Plan) => (p.kind === 'skip' ? `skip:${p.reason}` : p.kind);

describe('parseCommand: the first line only, the prefix as a word of its own', () => {
  const rows: [string, string, ReturnType<typeof parseCommand>][] = [
    ['/dj deploy', '/dj', { command: 'deploy' }],
    ['/dj Deploy now please', '/dj', { command: 'deploy' }],
    ['  /dj   keep  ', '/dj', { command: 'keep' }],
    ['/dj preview\r\n::error::x', '/dj', { command: 'preview' }],
    ['/dj', '/dj', { command: 'help' }],
    ['/dj frobnicate', '/dj', { unknown: true }],
    ['/dj ::error::x', '/dj', { unknown: true }],
    ['\uFEFF/dj delete', '/dj', { command: 'delete' }],
    ['/djdeploy', '/dj', undefined],
    ['thanks!\n/dj deploy', '/dj', undefined],
    ['please /dj deploy', '/dj', undefined],
    ['/DJ deploy', '/dj', undefined],
    ['/ns deploy', '/ns', { command: 'deploy' }],
    ['/dj deploy', '/ns', undefined],
    ['', '/dj', undefined],
  ];
  for (const [body, prefix, expected] of rows) test(`${JSON.stringify(body)} with ${prefix}`, () => assert.deepEqual(parseCommand(body, prefix), expected));

  test('the help lists every command with the prefix and the keep label', () => {
    const text = helpText(settings({ 'command-prefix': '/ns', 'keep-label': 'keep-me' }), false);
    for (const c of ['deploy', 'preview', 'keep', 'delete', 'help']) assert.ok(text.includes(`\`/ns ${c}\``), c);
    assert.ok(text.includes('`keep-me`'));
    assert.ok(helpText(settings(), true).startsWith('That is not a command'));
  });

  test("'command-prefix' with a space is an input error", () => {
    assert.throws(() => settings({ 'command-prefix': '/dj please' }), InputError);
  });
});

describe('the issue_comment payload (real example, mutated)', () => {
  test('on a pull request: number, comment id, body, author and type; author_association is not read', () => {
    const e = toBranchEvent('issue_comment', commentEvent('/dj deploy', { number: 12, id: 99, login: 'dana' }));
    assert.equal(e.kind, 'other');
    assert.deepEqual(e.kind === 'other' && e.comment, { action: 'created', number: 12, onPullRequest: true, id: 99, body: '/dj deploy', login: 'dana', userType: 'User' });
  });
  test('on an issue, by a bot, edited', () => {
    const onIssue = toBranchEvent('issue_comment', commentEvent('/dj deploy', { onIssue: true }));
    assert.equal(onIssue.kind === 'other' && onIssue.comment?.onPullRequest, false);
    const bot = toBranchEvent('issue_comment', commentEvent('/dj deploy', { login: 'helper', bot: true, action: 'edited' }));
    assert.deepEqual(bot.kind === 'other' && [bot.comment?.login, bot.comment?.userType, bot.comment?.action], ['helper[bot]', 'Bot', 'edited']);
  });
  test('decide() alone leaves an issue_comment unsupported (the commands module plans it)', () => {
    assert.equal(kindOf(decide(toBranchEvent('issue_comment', commentEvent('/dj deploy')), settings())), 'skip:unsupported-event');
  });
});

describe('the keep label and labeled / unlabeled (SPEC §13)', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const withLabels = (p: Record<string, any>, names: string[]) => {
    p.pull_request.labels = names.map(name => ({ id: 1, name }));
    return p;
  };
  const labelEvent = (action: 'labeled' | 'unlabeled', label: string, state: 'open' | 'closed', labels: string[]) => {
    const p = withLabels(prEvent(action, 'feature/x'), labels);
    p.label = { ...p.label, name: label };
    p.pull_request.state = state;
    return p;
  };
  const plan = (p: Record<string, unknown>, inputs: Record<string, string> = {}) => decide(toBranchEvent('pull_request', p), settings(inputs));

  test('closed with the keep label: kept whatever on-pr-close says, and the plan says why', () => {
    const p = plan(withLabels(prEvent('closed', 'feature/x'), ['bug', 'dj:keep']));
    assert.equal(p.kind, 'keep');
    assert.equal(p.kind === 'keep' && p.byLabel, 'dj:keep');
    assert.equal(kindOf(plan(withLabels(prEvent('closed', 'feature/x'), ['keep-it']), { 'keep-label': 'keep-it' })), 'keep');
    assert.equal(kindOf(plan(withLabels(prEvent('closed', 'feature/x'), ['bug']))), 'remove');
  });

  const rows: [string, Record<string, unknown>, Record<string, string>, string][] = [
    ['labeled keep, open', labelEvent('labeled', 'dj:keep', 'open', ['dj:keep']), {}, 'ensure'],
    ['labeled accept, open', labelEvent('labeled', 'dj:accept-impact', 'open', ['dj:accept-impact']), {}, 'ensure'],
    ['unlabeled accept, open', labelEvent('unlabeled', 'dj:accept-impact', 'open', []), {}, 'ensure'],
    ['labeled bug, open', labelEvent('labeled', 'bug', 'open', ['bug']), {}, 'skip:unsupported-action'],
    ['labeled keep, closed', labelEvent('labeled', 'dj:keep', 'closed', ['dj:keep']), {}, 'keep'],
    ['unlabeled keep, closed, on-pr-close delete', labelEvent('unlabeled', 'dj:keep', 'closed', []), {}, 'remove'],
    ['unlabeled keep, closed, on-pr-close keep', labelEvent('unlabeled', 'dj:keep', 'closed', []), { 'on-pr-close': 'keep' }, 'keep'],
    ['unlabeled accept, closed', labelEvent('unlabeled', 'dj:accept-impact', 'closed', []), {}, 'skip:unsupported-action'],
    ['labeled keep, from a fork', { ...prEvent('labeled', 'feature/x', { fork: true }), label: { name: 'dj:keep' } }, {}, 'skip:fork'],
  ];
  for (const [name, payload, inputs, expected] of rows) test(name, () => assert.equal(kindOf(plan(payload, inputs)), expected));

  test('labeled on an open pull request deploys nothing', () => {
    const p = plan(labelEvent('labeled', 'dj:keep', 'open', ['dj:keep']));
    assert.equal(p.kind === 'ensure' && p.deploy, false);
  });
});
