/**
 * Reads every input once, validates it and returns a typed {@link Settings}.
 * The single place that knows input names, defaults and environment fallbacks.
 */
import type { TargetName } from './outcome.js';
import { InputError } from './errors.js';
import { splitRef } from './event.js';
import { redactUrl } from './log-safety.js';

/** `operation` input. */
export type Operation = 'auto' | 'create' | 'delete' | 'sync' | 'list' | 'prune';
/** `fail-on` input. */
export type FailOn = 'failed' | 'invalid' | 'impact' | 'never';

/** DJ connection and root. */
export interface DjSettings {
  /** Server base URL, without a trailing slash. */
  url: string;
  /** Base of links in comments and summaries. */
  uiUrl: string;
  /** Git-root namespace (or a branch namespace) as DJ's branch API takes it. */
  namespace: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  /** `impact`: the merge preview on pull-request runs (SPEC §10). */
  impact: boolean;
  /** `impact-base`: the namespace the preview merges into; '' for the base branch's namespace (else the default-branch one). */
  impactBase: string;
  /** The review of SPEC §10.1 (SQL, values, owners, the accept label). */
  review: ReviewSettings;
}

/** SPEC §10.1's inputs. */
export interface ReviewSettings {
  /** `review-limit`: most metrics in the SQL and value review. */
  limit: number;
  /** `sql-dialect`. */
  dialect: string;
  /** `values`. */
  values: boolean;
  /** `values-dimensions`, relative to the root (`customer.country`). */
  dimensions: string[];
  /** `values-rows`. */
  rows: number;
  /** `request-reviews: owners`. */
  requestReviews: boolean;
  /** `owners-map`: DJ user → GitHub login or org/team. */
  owners: Map<string, string>;
  /** `accept-impact-label`. */
  acceptLabel: string;
}

/** Fossil connection. */
export interface FossilSettings {
  url: string;
  user?: string;
  password?: string;
  /** Branch new branches start from. */
  basis: string;
}

/** One PDC SLA: type and end-of-life date. */
export interface PdcSla {
  type: string;
  eol: string;
}

/** PDC connection and component. */
export interface PdcSettings {
  url: string;
  token?: string;
  globalComponent: string;
  branchType: string;
  slas: PdcSla[];
}

/** Every input, typed and validated. */
export interface Settings {
  target: TargetName;
  operation: Operation;
  /** Explicit branch (input `branch`), '' when the event decides. */
  branch: string;
  /** `deploy: sync` or `changed` → true. */
  deploy: boolean;
  /** `deploy: changed`: skip commits that change nothing under the root's `git_path` (SPEC §4.1). */
  deployChanged: boolean;
  onPrClose: 'delete' | 'keep';
  deleteGitBranch: boolean;
  /** Globs from `ignore-branches`. */
  ignoreBranches: string[];
  failOn: FailOn;
  comment: boolean;
  githubToken: string;
  dryRun: boolean;
  /** One request's limit, in ms. */
  timeoutMs: number;
  retries: number;
  pruneMinAgeHours: number;
  /**
   * `allow-other-repository`: act for an event from another repository than the one the DJ
   * root follows (its `github_repo_path`); otherwise such a run is refused.
   */
  allowOtherRepository: boolean;
  /** `keep-label`: a closed pull request with it keeps its namespace (SPEC §13). */
  keepLabel: string;
  /** `command-prefix`: comments whose first line starts with it are commands (SPEC §13). */
  commandPrefix: string;
  /** `accept-impact-label` (SPEC §10.1): its `labeled`/`unlabeled` events bring the report up to date. */
  acceptImpactLabel: string;
  /** `checks`: a check run with annotations for each namespace deployment (SPEC §12). */
  checks: boolean;
  /** `deployments`: a GitHub deployment for each namespace deployment (SPEC §12). */
  deployments: boolean;
  dj?: DjSettings;
  fossil?: FossilSettings;
  pdc?: PdcSettings;
}

/** Every input action.yml declares; anything else given with `with:` is an error. */
export const KNOWN_INPUTS = [
  'target',
  'operation',
  'branch',
  'namespace',
  'dj-url',
  'dj-token',
  'dj-client-id',
  'dj-client-secret',
  'dj-username',
  'dj-password',
  'dj-ui-url',
  'deploy',
  'on-pr-close',
  'delete-git-branch',
  'ignore-branches',
  'fail-on',
  'comment',
  'github-token',
  'impact',
  'impact-base',
  'dry-run',
  'timeout-seconds',
  'retries',
  'prune-min-age-hours',
  'allow-other-repository',
  'fossil-url',
  'fossil-user',
  'fossil-password',
  'fossil-basis',
  'pdc-url',
  'pdc-token',
  'pdc-global-component',
  'pdc-branch-type',
  'pdc-slas',
  'keep-label',
  'command-prefix',
  'review-limit',
  'sql-dialect',
  'values',
  'values-dimensions',
  'values-rows',
  'request-reviews',
  'owners-map',
  'accept-impact-label',
  'checks',
  'deployments',
] as const;

/** Inputs whose values are secrets: masked as soon as they are read. */
export const SECRET_INPUTS = ['dj-token', 'dj-client-secret', 'dj-password', 'fossil-password', 'pdc-token', 'github-token'];

type Env = NodeJS.ProcessEnv;

function read(env: Env, name: string): string {
  return (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = read(env, name);
  if (!raw) return fallback;
  const value = raw.toLowerCase() as T;
  if (!allowed.includes(value)) {
    throw new InputError(`Input '${name}' must be one of ${allowed.map(a => `'${a}'`).join(', ')}; got '${raw}'.`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (!raw) return fallback;
  if (/^true$/i.test(raw)) return true;
  if (/^false$/i.test(raw)) return false;
  throw new InputError(`Input '${name}' must be 'true' or 'false'; got '${raw}'.`);
}

/**
 * A number input within `min`…`max`. `max` is what the action can use: a timer holds at most
 * 2^31 − 1 ms (a longer wait fires after 1 ms), and a count beyond it means nothing; a value
 * beyond it is an input error, never silently something else.
 */
function number(env: Env, name: string, fallback: number, { min, max, integer, unit }: { min: number; max: number; integer: boolean; unit?: string }): number {
  const raw = read(env, name);
  if (!raw) return fallback;
  const value = Number(raw);
  const what = `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}${unit ? ` ${unit}` : ''}`;
  if (!/^\d{1,20}(\.\d{1,20})?$/.test(raw) || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new InputError(`Input '${name}' must be ${what}; got '${raw.slice(0, 40)}'.`);
  }
  if (value > max) throw new InputError(`Input '${name}' must be ${what}; got '${raw.slice(0, 40)}', more than the action can wait for or count.`);
  return value;
}

/** The longest a Node timer can wait: 2^31 − 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function url(env: Env, name: string, fallback?: string): string {
  const raw = read(env, name) || (fallback ?? '').trim();
  if (!raw) return '';
  let parsed: URL;
  // Shown only through redactUrl: a URL input may carry a password or a key, parsed or not.
  try {
    parsed = new URL(raw);
  } catch {
    throw new InputError(`Input '${name}' must be an http(s) URL; got '${redactUrl(raw)}'.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InputError(`Input '${name}' must be an http(s) URL; got '${redactUrl(raw)}'.`);
  }
  if (parsed.username || parsed.password) {
    throw new InputError(`Input '${name}' must not carry credentials in the URL; use the credential inputs (they are masked).`);
  }
  if (parsed.search || parsed.hash) {
    // Not echoed: a query is where a key would hide. Paths are appended to this base.
    throw new InputError(`Input '${name}' must be a base URL without a query string or fragment; credentials go in the credential inputs (they are masked).`);
  }
  return raw.replace(/\/+$/, '');
}

/**
 * Input `branch`: a branch name, or a full ref `refs/heads/<name>` (as `github.ref` gives it),
 * whose prefix is removed exactly once, so `refs/heads/refs/heads/x` names the branch
 * `refs/heads/x`. Any other `refs/…` (a tag, a pull-request ref) is an input error rather than
 * a guess at which branch was meant.
 */
export function branchInput(raw: string): string {
  if (!raw.startsWith('refs/')) return raw;
  const ref = splitRef(raw);
  if (ref?.refType === 'branch') return ref.name;
  throw new InputError(
    `Input 'branch' must be a branch name or 'refs/heads/<branch>'; got '${raw}', which is ${ref ? 'a tag' : 'not a branch ref'}. ` +
      `A branch whose name itself starts with 'refs/' is given as 'refs/heads/<its name>'.`,
  );
}

/** Splits newline- or comma-separated values, dropping blanks and `#` comments. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(s => s && !s.startsWith('#'));
}

/** Parses `pdc-slas`: `type:YYYY-MM-DD` pairs. */
export function parseSlas(raw: string): PdcSla[] {
  return splitList(raw).map(item => {
    const m = /^([^:]+):\s*(\d{4}-\d{2}-\d{2})$/.exec(item);
    if (!m) throw new InputError(`Input 'pdc-slas' takes 'type:YYYY-MM-DD' pairs (e.g. bug_fixes:2027-12-01); got '${item}'.`);
    return { type: m[1]!.trim(), eol: m[2]! };
  });
}

function closest(name: string): string | undefined {
  const distance = (a: string, b: string): number => {
    const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    return dp[a.length]![b.length]!;
  };
  let best: string | undefined;
  let bestD = 4;
  for (const known of KNOWN_INPUTS) {
    const d = distance(name, known);
    if (d < bestD) [best, bestD] = [known, d];
  }
  return best;
}

/** Input names given to the step that action.yml does not declare. */
export function unknownInputs(env: Env): string[] {
  const known = new Set<string>(KNOWN_INPUTS.map(n => n.toUpperCase()));
  return Object.keys(env)
    .filter(k => k.startsWith('INPUT_') && !known.has(k.slice(6)))
    .map(k => k.slice(6).toLowerCase());
}

/**
 * Reads and validates all inputs. `mask` is called with every secret before anything else
 * could print it.
 */
export function readSettings(env: Env, mask: (secret: string) => void): Settings {
  for (const name of SECRET_INPUTS) mask(read(env, name));
  for (const fallback of ['DJ_TOKEN', 'DJ_PWD']) if (env[fallback]) mask(env[fallback]!.trim());

  const unknown = unknownInputs(env);
  if (unknown.length) {
    const hints = unknown.map(u => {
      const near = closest(u);
      return near ? `'${u}' (did you mean '${near}'?)` : `'${u}'`;
    });
    throw new InputError(`Unknown input${unknown.length > 1 ? 's' : ''} ${hints.join(', ')}. See the README for the inputs this action takes.`);
  }

  const target = oneOf(env, 'target', ['dj', 'fossil', 'pdc'] as const, 'dj');
  // Retries: at most 10, so one request with its retries stays within a timer's range too.
  const retries = number(env, 'retries', 3, { min: 0, max: 10, integer: true });
  const timeoutSeconds = number(env, 'timeout-seconds', 300, {
    min: 1,
    max: Math.floor(MAX_TIMER_MS / 1000 / (retries + 1)),
    integer: false,
    unit: `seconds with 'retries: ${retries}'`,
  });
  const settings: Settings = {
    target,
    operation: oneOf(env, 'operation', ['auto', 'create', 'delete', 'sync', 'list', 'prune'] as const, 'auto'),
    branch: branchInput(read(env, 'branch')),
    deploy: oneOf(env, 'deploy', ['sync', 'changed', 'none'] as const, 'sync') !== 'none',
    deployChanged: oneOf(env, 'deploy', ['sync', 'changed', 'none'] as const, 'sync') === 'changed',
    onPrClose: oneOf(env, 'on-pr-close', ['delete', 'keep'] as const, 'delete'),
    deleteGitBranch: bool(env, 'delete-git-branch', false),
    ignoreBranches: splitList(read(env, 'ignore-branches')),
    failOn: oneOf(env, 'fail-on', ['failed', 'invalid', 'impact', 'never'] as const, 'failed'),
    comment: bool(env, 'comment', true),
    githubToken: read(env, 'github-token') || (env.GITHUB_TOKEN ?? '').trim(),
    dryRun: bool(env, 'dry-run', false),
    timeoutMs: Math.round(timeoutSeconds * 1000),
    retries,
    // A century: beyond it, hours in milliseconds stop being exact.
    pruneMinAgeHours: number(env, 'prune-min-age-hours', 24, { min: 0, max: 876_000, integer: false, unit: 'hours' }),
    allowOtherRepository: bool(env, 'allow-other-repository', false),
    keepLabel: read(env, 'keep-label') || 'dj:keep',
    commandPrefix: read(env, 'command-prefix') || '/dj',
    acceptImpactLabel: read(env, 'accept-impact-label') || 'dj:accept-impact',
    checks: bool(env, 'checks', true),
    deployments: bool(env, 'deployments', true),
  };
  if (/\s/.test(settings.commandPrefix)) throw new InputError(`Input 'command-prefix' must be one word such as '/dj'; got '${settings.commandPrefix.slice(0, 40)}'.`);
  if (settings.githubToken) mask(settings.githubToken);
  if (settings.deleteGitBranch && settings.operation !== 'delete') {
    throw new InputError(`Input 'delete-git-branch: true' only applies to 'operation: delete'; the action never deletes a git branch otherwise.`);
  }

  if (target === 'dj') {
    const djUrl = url(env, 'dj-url', env.DJ_URL);
    if (!djUrl) throw new InputError(`Input 'dj-url' is required for target 'dj' (or set env DJ_URL).`);
    const namespace = read(env, 'namespace');
    if (!namespace) throw new InputError(`Input 'namespace' is required for target 'dj': the DJ git-root namespace, e.g. 'demo.metrics'.`);
    if (!/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(namespace)) {
      throw new InputError(`Input 'namespace' must be a dotted DJ namespace such as 'demo.metrics'; got '${namespace}'.`);
    }
    const clientId = read(env, 'dj-client-id');
    const clientSecret = read(env, 'dj-client-secret');
    if (Boolean(clientId) !== Boolean(clientSecret)) {
      throw new InputError(`Inputs 'dj-client-id' and 'dj-client-secret' go together; only one was given.`);
    }
    const username = read(env, 'dj-username') || (env.DJ_USER ?? '').trim();
    const password = read(env, 'dj-password') || (env.DJ_PWD ?? '').trim();
    if (Boolean(username) !== Boolean(password)) {
      throw new InputError(`Inputs 'dj-username' and 'dj-password' (or env DJ_USER / DJ_PWD) go together; only one was given.`);
    }
    const impactBase = read(env, 'impact-base');
    if (impactBase && !/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(impactBase)) {
      throw new InputError(`Input 'impact-base' must be a dotted DJ namespace such as 'demo.metrics.main', or empty for the base branch's namespace; got '${impactBase}'.`);
    }
    settings.dj = {
      impact: bool(env, 'impact', true),
      impactBase,
      review: readReview(env),
      url: djUrl,
      uiUrl: url(env, 'dj-ui-url') || djUrl,
      namespace,
      token: read(env, 'dj-token') || (env.DJ_TOKEN ?? '').trim() || undefined,
      clientId: clientId || undefined,
      clientSecret: clientSecret || undefined,
      username: username || undefined,
      password: password || undefined,
    };
  } else if (target === 'fossil') {
    const fossilUrl = url(env, 'fossil-url');
    if (!fossilUrl) throw new InputError(`Input 'fossil-url' is required for target 'fossil'.`);
    const user = read(env, 'fossil-user');
    const password = read(env, 'fossil-password');
    if (Boolean(user) !== Boolean(password)) throw new InputError(`Inputs 'fossil-user' and 'fossil-password' go together; only one was given.`);
    settings.fossil = { url: fossilUrl, user: user || undefined, password: password || undefined, basis: read(env, 'fossil-basis') || 'trunk' };
  } else {
    const pdcUrl = url(env, 'pdc-url');
    if (!pdcUrl) throw new InputError(`Input 'pdc-url' is required for target 'pdc'.`);
    const globalComponent = read(env, 'pdc-global-component');
    if (!globalComponent) throw new InputError(`Input 'pdc-global-component' is required for target 'pdc'.`);
    settings.pdc = {
      url: pdcUrl,
      token: read(env, 'pdc-token') || undefined,
      globalComponent,
      branchType: read(env, 'pdc-branch-type') || 'rpm',
      slas: parseSlas(read(env, 'pdc-slas')),
    };
  }
  return settings;
}

/** SPEC §10.1's inputs, checked. */
export function readReview(env: Env): ReviewSettings {
  const dimensions = splitList(read(env, 'values-dimensions'));
  for (const d of dimensions) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(d)) {
      throw new InputError(`Input 'values-dimensions' takes dimension columns relative to the root, such as 'customer.country'; got '${d.slice(0, 80)}'.`);
    }
  }
  const owners = new Map<string, string>();
  for (const line of read(env, 'owners-map').split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const m = /^([^:\s][^:]*?)\s*:\s*([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?)$/.exec(trimmed);
    if (!m) throw new InputError(`Input 'owners-map' takes lines 'dj-user: github-login' or 'dj-user: org/team'; got '${trimmed.slice(0, 80)}'.`);
    owners.set(m[1]!, m[2]!);
  }
  const requestReviews = oneOf(env, 'request-reviews', ['false', 'owners'] as const, 'false') === 'owners';
  // Any dialect DJ accepts (0.0.272: spark, trino, druid, postgres, clickhouse, duckdb, redshift,
  // snowflake, sqlite, bigquery); a newer server may know more, so only the form is checked here.
  const dialect = (read(env, 'sql-dialect') || 'spark').toLowerCase();
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(dialect))
    throw new InputError(`Input 'sql-dialect' must be a dialect name such as 'spark', 'trino' or 'duckdb'; got '${dialect.slice(0, 40)}'.`);
  return {
    limit: number(env, 'review-limit', 20, { min: 0, max: 200, integer: true }),
    dialect,
    values: bool(env, 'values', false),
    dimensions,
    rows: number(env, 'values-rows', 10, { min: 1, max: 1000, integer: true }),
    requestReviews,
    owners,
    acceptLabel: read(env, 'accept-impact-label') || 'dj:accept-impact',
  };
}
