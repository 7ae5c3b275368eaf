/**
 * GitHub event → a small typed {@link BranchEvent}. The only module that reads payloads.
 */
import { readFileSync } from 'node:fs';

/** The repository the workflow runs in. */
export interface Repo {
  owner: string;
  name: string;
}

/** Fields every event carries. */
interface Base {
  repo?: Repo;
  /** The repository's default branch, when the payload says it. */
  defaultBranch?: string;
}

/** What happened, reduced to what the action needs. */
export type BranchEvent =
  | (Base & { kind: 'create' | 'delete'; refType: 'branch' | 'tag'; branch: string })
  | (Base & { kind: 'push'; refType: 'branch' | 'tag'; branch: string; sha?: string; deleted: boolean; /** The branch's previous head. */ before?: string })
  | (Base & {
      kind: 'pull_request';
      action: string;
      branch: string;
      sha?: string;
      /** `synchronize`: the previous head. */
      before?: string;
      number: number;
      /** Head lives in another repository: its branch is not ours and secrets are withheld. */
      fork: boolean;
      merged: boolean;
      baseBranch: string;
      /** `pull_request.base.sha`: the base branch's head the event saw. */
      baseSha?: string;
      /** The pull request's labels (SPEC §13: the keep label). */
      labels?: string[];
      /** `labeled` / `unlabeled`: the label added or removed. */
      label?: string;
      /** `pull_request.state`. */
      state?: 'open' | 'closed';
      /** A comment command this pull-request run carries out (made by commands/, never by a payload). */
      command?: { name: string; by: string; text: string };
    })
  | (Base & { kind: 'other'; name: string; branch?: string; /** `issue_comment`: the comment (commands/ reads it). */ comment?: CommentFacts });

/** An `issue_comment` payload, reduced to what the commands need (SPEC §13). */
export interface CommentFacts {
  action: string;
  /** The issue or pull request number. */
  number: number;
  /** The comment is on a pull request (`issue.pull_request` present). */
  onPullRequest: boolean;
  id: number;
  body: string;
  login: string;
  /** `user.type`: `User`, `Bot`, `Organization`. */
  userType: string;
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function repoOf(payload: Json, env: NodeJS.ProcessEnv): Repo | undefined {
  const full = str(obj(payload.repository).full_name) || env.GITHUB_REPOSITORY || '';
  const [owner, name] = full.split('/');
  return owner && name ? { owner, name } : undefined;
}

/**
 * A full ref (`refs/heads/<branch>`, `refs/tags/<tag>`) taken apart exactly once: the prefix
 * is removed and the rest is the name, whatever it holds (a branch may itself be called
 * `refs/heads/x`). Any other ref (`refs/pull/…`, `refs/notes/…`, a short name) is undefined:
 * not a branch the action may act on.
 */
export function splitRef(ref: string): { refType: 'branch' | 'tag'; name: string } | undefined {
  if (ref.startsWith('refs/heads/') && ref.length > 'refs/heads/'.length) return { refType: 'branch', name: ref.slice('refs/heads/'.length) };
  if (ref.startsWith('refs/tags/') && ref.length > 'refs/tags/'.length) return { refType: 'tag', name: ref.slice('refs/tags/'.length) };
  return undefined;
}

/** Label names of a payload's or an API answer's `labels`. */
export function labelsOf(labels: unknown): string[] {
  return Array.isArray(labels) ? labels.map(l => str(obj(l).name)).filter(Boolean) : [];
}

/** Builds the event from a name and a parsed payload (pure: tests call it directly). */
export function toBranchEvent(eventName: string, payload: Json, env: NodeJS.ProcessEnv = {}): BranchEvent {
  const base: Base = {
    repo: repoOf(payload, env),
    defaultBranch: str(obj(payload.repository).default_branch) || undefined,
  };
  switch (eventName) {
    case 'create':
    case 'delete':
      // These payloads carry the short name (`feature/x`, or a branch literally called
      // `refs/heads/x`): it is used as is, never taken apart.
      if (payload.ref_type !== 'branch' && payload.ref_type !== 'tag') return { ...base, kind: 'other', name: eventName };
      return { ...base, kind: eventName, refType: payload.ref_type, branch: str(payload.ref) };
    case 'push': {
      const ref = splitRef(str(payload.ref));
      if (!ref) return { ...base, kind: 'other', name: eventName };
      const { refType, name } = ref;
      const after = str(payload.after);
      const before = str(payload.before);
      return {
        ...base,
        kind: 'push',
        refType,
        branch: name,
        sha: after && !/^0+$/.test(after) ? after : undefined,
        deleted: payload.deleted === true,
        ...(before && !/^0+$/.test(before) ? { before } : {}),
      };
    }
    case 'pull_request':
    case 'pull_request_target': {
      const pr = obj(payload.pull_request);
      const head = obj(pr.head);
      const baseRef = obj(pr.base);
      const headRepo = head.repo === null ? null : obj(head.repo);
      const baseRepo = obj(baseRef.repo);
      const headFull = headRepo ? str(headRepo.full_name) : '';
      const baseFull = str(baseRepo.full_name) || (base.repo ? `${base.repo.owner}/${base.repo.name}` : '');
      return {
        ...base,
        kind: 'pull_request',
        action: str(payload.action),
        branch: str(head.ref),
        sha: str(head.sha) || undefined,
        ...(str(payload.before) ? { before: str(payload.before) } : {}),
        number: Number(payload.number ?? pr.number) || 0,
        fork: headRepo === null || (headFull !== '' && baseFull !== '' && headFull.toLowerCase() !== baseFull.toLowerCase()),
        merged: pr.merged === true,
        baseBranch: str(baseRef.ref),
        ...(str(baseRef.sha) ? { baseSha: str(baseRef.sha) } : {}),
        labels: labelsOf(pr.labels),
        ...(str(obj(payload.label).name) ? { label: str(obj(payload.label).name) } : {}),
        ...(pr.state === 'open' || pr.state === 'closed' ? { state: pr.state } : {}),
      };
    }
    case 'issue_comment': {
      const issue = obj(payload.issue);
      const comment = obj(payload.comment);
      const user = obj(comment.user);
      return {
        ...base,
        kind: 'other',
        name: eventName,
        comment: {
          action: str(payload.action),
          number: Number(issue.number) || 0,
          onPullRequest: Boolean(issue.pull_request && typeof issue.pull_request === 'object'),
          id: Number(comment.id) || 0,
          body: str(comment.body),
          login: str(user.login),
          userType: str(user.type),
        },
      };
    }
    default: {
      const ref = splitRef(env.GITHUB_REF ?? '');
      return { ...base, kind: 'other', name: eventName, branch: ref?.refType === 'branch' ? ref.name : undefined };
    }
  }
}

/** Reads GITHUB_EVENT_NAME and the payload at GITHUB_EVENT_PATH. */
export function readEvent(env: NodeJS.ProcessEnv = process.env): BranchEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  let payload: Json = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = obj(JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')));
    } catch (err) {
      throw new Error(`Could not read the event payload at GITHUB_EVENT_PATH: ${(err as Error).message}`, { cause: err });
    }
  }
  return toBranchEvent(name, payload, env);
}
