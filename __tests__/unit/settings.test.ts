import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { readSettings, parseSlas, splitList } from '../../src/settings.js';
import { InputError } from '../../src/errors.js';

const base = { 'INPUT_DJ-URL': 'http://dj.local/', INPUT_NAMESPACE: 'demo.metrics' };

function read(extra: Record<string, string>, masked: string[] = []) {
  return readSettings({ ...base, ...extra }, s => masked.push(s));
}

function rejects(extra: Record<string, string>, pattern: RegExp) {
  assert.throws(
    () => read(extra),
    (e: Error) => e instanceof InputError && pattern.test(e.message),
    JSON.stringify(extra),
  );
}

describe('settings', () => {
  test('defaults follow SPEC §2', () => {
    const s = read({});
    assert.equal(s.target, 'dj');
    assert.equal(s.operation, 'auto');
    assert.equal(s.deploy, true);
    assert.equal(s.onPrClose, 'delete');
    assert.equal(s.deleteGitBranch, false);
    assert.equal(s.failOn, 'failed');
    assert.equal(s.comment, true);
    assert.equal(s.dryRun, false);
    assert.equal(s.timeoutMs, 300_000);
    assert.equal(s.retries, 3);
    assert.equal(s.pruneMinAgeHours, 24);
    assert.equal(s.dj?.url, 'http://dj.local');
    assert.equal(s.dj?.uiUrl, 'http://dj.local');
  });

  test('booleans are case-insensitive; anything else names the input', () => {
    assert.equal(read({ 'INPUT_DRY-RUN': 'TRUE' }).dryRun, true);
    assert.equal(read({ INPUT_COMMENT: 'False' }).comment, false);
    rejects({ 'INPUT_DRY-RUN': 'yes' }, /'dry-run'/);
    rejects({ INPUT_COMMENT: '1' }, /'comment'/);
  });

  test('enumerations name the input and the allowed values', () => {
    rejects({ INPUT_OPERATION: 'destroy' }, /'operation'.*'auto'/);
    rejects({ INPUT_TARGET: 'git' }, /'target'/);
    rejects({ 'INPUT_FAIL-ON': 'warning' }, /'fail-on'/);
    rejects({ 'INPUT_ON-PR-CLOSE': 'archive' }, /'on-pr-close'/);
    rejects({ INPUT_DEPLOY: 'push' }, /'deploy'/);
  });

  test('numbers', () => {
    assert.equal(read({ 'INPUT_TIMEOUT-SECONDS': '2.5' }).timeoutMs, 2500);
    rejects({ 'INPUT_TIMEOUT-SECONDS': '0' }, /'timeout-seconds'/);
    rejects({ INPUT_RETRIES: '-1' }, /'retries'/);
    rejects({ INPUT_RETRIES: '1.5' }, /'retries'/);
    rejects({ INPUT_RETRIES: '11' }, /'retries'/);
    rejects({ 'INPUT_PRUNE-MIN-AGE-HOURS': 'soon' }, /'prune-min-age-hours'/);
  });

  test('unknown inputs are refused with a suggestion', () => {
    rejects({ 'INPUT_DJ-TOKN': 'x' }, /Unknown input 'dj-tokn' \(did you mean 'dj-token'\?\)/);
    rejects({ INPUT_FOO: 'x' }, /Unknown input 'foo'/);
  });

  test('dj needs a URL and a valid namespace; env fallbacks work', () => {
    assert.throws(() => readSettings({ INPUT_NAMESPACE: 'demo' }, () => undefined), /'dj-url'/);
    assert.equal(readSettings({ DJ_URL: 'https://dj.example', INPUT_NAMESPACE: 'demo' }, () => undefined).dj?.url, 'https://dj.example');
    assert.throws(() => readSettings({ 'INPUT_DJ-URL': 'http://x' }, () => undefined), /'namespace'/);
    rejects({ INPUT_NAMESPACE: 'demo..metrics' }, /'namespace'/);
    rejects({ INPUT_NAMESPACE: '1demo' }, /'namespace'/);
    rejects({ 'INPUT_DJ-URL': 'ftp://x' }, /'dj-url'/);
    rejects({ 'INPUT_DJ-URL': 'not a url' }, /'dj-url'/);
    rejects({ 'INPUT_DJ-URL': 'https://user:pw@dj.example' }, /credentials/);
  });

  test('paired credentials must come together', () => {
    rejects({ 'INPUT_DJ-CLIENT-ID': 'id' }, /'dj-client-id' and 'dj-client-secret'/);
    rejects({ 'INPUT_DJ-USERNAME': 'u' }, /'dj-username' and 'dj-password'/);
  });

  test('secrets are masked as they are read, env fallbacks included', () => {
    const masked: string[] = [];
    readSettings({ ...base, 'INPUT_DJ-TOKEN': 'tok', 'INPUT_DJ-CLIENT-SECRET': 'cs', 'INPUT_DJ-CLIENT-ID': 'id', DJ_PWD: 'pw', DJ_USER: 'u', 'INPUT_GITHUB-TOKEN': 'ghs_x' }, s =>
      masked.push(s),
    );
    for (const secret of ['tok', 'cs', 'pw', 'ghs_x']) assert.ok(masked.includes(secret), secret);
  });

  test('delete-git-branch only with operation delete', () => {
    rejects({ 'INPUT_DELETE-GIT-BRANCH': 'true' }, /'delete-git-branch/);
    assert.equal(read({ 'INPUT_DELETE-GIT-BRANCH': 'true', INPUT_OPERATION: 'delete' }).deleteGitBranch, true);
  });

  test('fossil and pdc targets', () => {
    const f = readSettings({ INPUT_TARGET: 'fossil', 'INPUT_FOSSIL-URL': 'http://127.0.0.1:8080/' }, () => undefined);
    assert.deepEqual(f.fossil, { url: 'http://127.0.0.1:8080', user: undefined, password: undefined, basis: 'trunk' });
    assert.throws(() => readSettings({ INPUT_TARGET: 'pdc', 'INPUT_PDC-URL': 'http://x' }, () => undefined), /'pdc-global-component'/);
    const p = readSettings(
      { INPUT_TARGET: 'pdc', 'INPUT_PDC-URL': 'http://x', 'INPUT_PDC-GLOBAL-COMPONENT': 'python', 'INPUT_PDC-SLAS': 'bug_fixes:2027-12-01, security_fixes:2027-12-01' },
      () => undefined,
    );
    assert.deepEqual(p.pdc?.slas, [
      { type: 'bug_fixes', eol: '2027-12-01' },
      { type: 'security_fixes', eol: '2027-12-01' },
    ]);
  });

  test('lists and SLAs parse; bad SLAs name the input', () => {
    assert.deepEqual(splitList('a, b\n# comment\n\nc'), ['a', 'b', 'c']);
    assert.throws(() => parseSlas('bug_fixes:2027-13'), /'pdc-slas'/);
  });
});
