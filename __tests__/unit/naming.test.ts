import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { branchMatchesGlobs, djSuffix, namespaceForBranch } from '../../src/naming.js';
import { targetNameOf } from '../../src/run-context.js';
import type { Settings } from '../../src/settings.js';
import { InputError } from '../../src/errors.js';

const ROOT = 'demo.metrics';

describe('namespaceForBranch: dj-api.md §6.3 name table (root demo.metrics)', () => {
  // [git branch, namespace the server would use, accepted by the action]
  const rows: [string, string, boolean][] = [
    ['feature/x-y', 'demo.metrics.feature_x_y', true],
    ['fix-1', 'demo.metrics.fix_1', true],
    ['Feature-X', 'demo.metrics.Feature_X', true],
    ['a--b', 'demo.metrics.a__b', true],
    ['-x', 'demo.metrics._x', false],
    ['123-fix', 'demo.metrics.123_fix', false],
    ['user', 'demo.metrics.user', false],
    ['release/1.2', 'demo.metrics.release_1.2', false],
    ['feat+x', 'demo.metrics.feat+x', false],
    ['a@b', 'demo.metrics.a@b', false],
    ['a#b', 'demo.metrics.a#b', false],
    ['feature-x', 'demo.metrics.feature_x', true],
    ['feature_x', 'demo.metrics.feature_x', true],
    ['feature/x', 'demo.metrics.feature_x', true],
  ];
  for (const [branch, namespace, ok] of rows) {
    test(`${branch} → ${namespace} (${ok ? 'accepted' : 'refused'})`, () => {
      assert.equal(`${ROOT}.${djSuffix(branch)}`, namespace);
      if (ok) {
        assert.equal(namespaceForBranch(ROOT, branch), namespace);
      } else {
        assert.throws(
          () => namespaceForBranch(ROOT, branch),
          (err: unknown) => {
            assert.ok(err instanceof InputError, 'an InputError');
            assert.ok(err.message.includes(`'${branch}'`), `names the branch: ${err.message}`);
            assert.ok(err.message.includes(`'${namespace}'`), `names the namespace: ${err.message}`);
            return true;
          },
        );
      }
    });
  }

  test('the reason is specific', () => {
    const reason = (b: string) => {
      try {
        namespaceForBranch(ROOT, b);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    };
    assert.match(reason('release/1.2'), /dot/);
    assert.match(reason('123-fix'), /digit/);
    assert.match(reason('user'), /reserved/);
    assert.match(reason('a#b'), /'#'/);
    assert.match(reason('-x'), /starts with/);
  });

  test('the server trims surrounding whitespace, so such a name would share another branch namespace: refused; inner whitespace is refused', () => {
    assert.equal(djSuffix('  fix-1 \n'), 'fix_1');
    assert.throws(() => namespaceForBranch(ROOT, ' fix-1 '), /share the namespace of the branch without it/);
    assert.throws(() => namespaceForBranch(ROOT, '\u3000fix-1'), /whitespace/);
    assert.throws(() => namespaceForBranch(ROOT, 'a b'), /whitespace/);
    assert.throws(() => namespaceForBranch(ROOT, '   '), /empty/);
  });

  test('only - and / change: case, runs and other characters are kept', () => {
    assert.equal(djSuffix('A/B-c_D'), 'A_B_c_D');
    assert.equal(djSuffix('x//y'), 'x__y');
    assert.equal(djSuffix('users'), 'users');
    assert.equal(namespaceForBranch(ROOT, 'users'), 'demo.metrics.users');
    assert.equal(namespaceForBranch(ROOT, 'User'), 'demo.metrics.User');
  });
});

describe('branchMatchesGlobs', () => {
  const rows: [string, string[], boolean][] = [
    ['dependabot/npm_and_yarn/foo-1.2', ['dependabot/**'], true],
    ['dependabot', ['dependabot/**'], false],
    ['dependabot/x', ['dependabot/*'], true],
    ['dependabot/npm/x', ['dependabot/*'], false],
    ['renovate/x', ['dependabot/**'], false],
    ['wip-1', ['wip-?'], true],
    ['wip-12', ['wip-?'], false],
    ['wip/1', ['wip?1'], false],
    ['main', ['main'], true],
    ['main2', ['main'], false],
    ['xmain', ['main'], false],
    ['release/1.2', ['release/1.2'], true],
    ['release/102', ['release/1.2'], false],
    ['a+b', ['a+b'], true],
    ['aab', ['a+b'], false],
    ['feature/x', ['docs/**', ' feature/* '], true],
    ['anything', [], false],
    ['anything', ['', '  '], false],
    ['a/b/c', ['**'], true],
    ['a/b/c', ['*'], false],
    ['x/deep/tmp', ['**/tmp'], true],
  ];
  for (const [branch, globs, expected] of rows) {
    test(`${branch} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(globs)}`, () => {
      assert.equal(branchMatchesGlobs(branch, globs), expected);
    });
  }
});

describe('targetNameOf: the name a run reports, once, before any target loads', () => {
  const dj = { target: 'dj', dj: { url: 'http://dj', uiUrl: 'http://dj', namespace: ROOT } } as Settings;
  test('DJ: the namespace under input namespace', () => assert.equal(targetNameOf(dj, 'feature/x-y'), 'demo.metrics.feature_x_y'));
  test('DJ: undefined for a branch DJ cannot name (the target says why when it acts)', () => assert.equal(targetNameOf(dj, 'release/1.2'), undefined));
  test('no branch: undefined', () => assert.equal(targetNameOf(dj, undefined), undefined));
  test('Fossil and PDC: the git branch itself', () => {
    assert.equal(targetNameOf({ target: 'fossil' } as Settings, 'feature/x-y'), 'feature/x-y');
    assert.equal(targetNameOf({ target: 'pdc' } as Settings, 'release/1.2'), 'release/1.2');
  });
});
