/**
 * Real webhook payloads from @octokit/webhooks-examples, and branch variants derived from them
 * (the package's create/delete examples are all tags).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ExampleGroup {
  name: string;
  examples: Json[];
}

const all = require('@octokit/webhooks-examples') as ExampleGroup[];

/** Every example of one event, deep-copied. */
export function examples(event: string): Json[] {
  const group = all.find(g => g.name === event);
  if (!group) throw new Error(`no examples for ${event}`);
  return group.examples.map(e => structuredClone(e));
}

/** The first example of `event` (with `action` when given), deep-copied. */
export function example(event: string, action?: string): Json {
  const found = examples(event).find(e => action === undefined || e.action === action);
  if (!found) throw new Error(`no ${event} example with action ${action}`);
  return found;
}

/** Every event name the package has examples for. */
export function eventNames(): string[] {
  return all.map(g => g.name);
}

/** A branch `create`/`delete` payload made from the package's tag example. */
export function branchRefEvent(kind: 'create' | 'delete', branch: string, repo = 'acme/dj-definitions'): Json {
  const p = example(kind);
  p.ref = branch;
  p.ref_type = 'branch';
  setRepo(p, repo);
  return p;
}

/** A push to `branch` made from the package's branch push example. */
export function pushEvent(branch: string, sha = 'c0ffee0000000000000000000000000000000001', repo = 'acme/dj-definitions'): Json {
  const p = examples('push').find(e => String(e.ref).startsWith('refs/heads/'))!;
  p.ref = `refs/heads/${branch}`;
  p.after = sha;
  p.deleted = false;
  setRepo(p, repo);
  return p;
}

/** A pull_request payload for `action`, with its head moved to `branch` in the same repository. */
export function prEvent(action: string, branch: string, opts: { number?: number; sha?: string; repo?: string; fork?: boolean; merged?: boolean } = {}): Json {
  const p = example('pull_request', action);
  const repo = opts.repo ?? 'acme/dj-definitions';
  setRepo(p, repo);
  p.number = opts.number ?? p.number;
  p.pull_request.number = p.number;
  p.pull_request.head.ref = branch;
  p.pull_request.head.label = `acme:${branch}`;
  if (opts.sha) p.pull_request.head.sha = opts.sha;
  if (opts.merged !== undefined) p.pull_request.merged = opts.merged;
  p.pull_request.base.repo = { ...p.pull_request.base.repo, full_name: repo, name: repo.split('/')[1], default_branch: 'main' };
  p.pull_request.base.ref = 'main';
  p.pull_request.head.repo = opts.fork
    ? { ...p.pull_request.head.repo, full_name: `forker/${repo.split('/')[1]}`, fork: true }
    : { ...p.pull_request.head.repo, full_name: repo, fork: false };
  return p;
}

/** Points a payload at repository `full` with default branch main. */
export function setRepo(p: Json, full: string): void {
  const [owner, name] = full.split('/');
  p.repository = { ...(p.repository ?? {}), full_name: full, name, owner: { ...(p.repository?.owner ?? {}), login: owner }, default_branch: 'main' };
}

/**
 * An `issue_comment` payload made from the package's example (a comment on an issue): on pull
 * request `number` (with `issue.pull_request` as GitHub sends it for pull requests) unless
 * `onIssue`, with the comment's id, body and author replaced.
 */
export function commentEvent(
  body: string,
  opts: { number?: number; id?: number; login?: string; bot?: boolean; action?: 'created' | 'edited' | 'deleted'; onIssue?: boolean; repo?: string; association?: string } = {},
): Json {
  const p = example('issue_comment', opts.action ?? 'created');
  const repo = opts.repo ?? 'acme/dj-definitions';
  setRepo(p, repo);
  const n = opts.number ?? 7;
  p.issue.number = n;
  if (opts.onIssue) delete p.issue.pull_request;
  else {
    p.issue.pull_request = {
      url: `https://api.github.com/repos/${repo}/pulls/${n}`,
      html_url: `https://github.com/${repo}/pull/${n}`,
      diff_url: `https://github.com/${repo}/pull/${n}.diff`,
      patch_url: `https://github.com/${repo}/pull/${n}.patch`,
      merged_at: null,
    };
  }
  p.comment.id = opts.id ?? p.comment.id;
  p.comment.body = body;
  const login = opts.login ?? 'maintainer';
  p.comment.user = { ...p.comment.user, login: opts.bot && !login.endsWith('[bot]') ? `${login}[bot]` : login, type: opts.bot ? 'Bot' : 'User' };
  // Not trusted by the action: set to what would mislead it.
  p.comment.author_association = opts.association ?? 'OWNER';
  return p;
}
