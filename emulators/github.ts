/**
 * A stateful stand-in for the parts of the GitHub REST API the action uses: issue comments
 * (paged, with `Link` headers that point at `/repositories/{id}/…` as GitHub's do), `GET /user`,
 * GraphQL `viewer`, branches, commit statuses (`GET /commits/{ref}/statuses`, `POST
 * /statuses/{sha}`) and the comparison of two commits (`GET /compare/{base}...{head}`). Tokens
 * map to identities as GitHub's do: the workflow token (GITHUB_TOKEN) writes as
 * `github-actions[bot]`, a GitHub App's installation token as `<app>[bot]` (both `ghs_`, both
 * 403 on `GET /user`); a classic or fine-grained PAT is its user. GraphQL `viewer` answers for
 * every kind (a bot as `Bot`, its login without `[bot]`). Read-only tokens get "Resource not
 * accessible by integration" on writes, and a primary rate limit can be switched on.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Emulator, type RecordedRequest, type Reply } from './server.js';
import type { GitRepo } from './git-repo.js';

/**
 * GitHub's own examples (from @octokit/openapi's description) of the answers with many required
 * fields: a pull request, a listed pull request, a permission, a reaction, labels. The emulator
 * fills in its own values.
 */
interface GitHubExamples {
  pullRequest: Record<string, unknown>;
  pullRequestSimple: Record<string, unknown>;
  permission: Record<string, unknown>;
  reaction: Record<string, unknown>;
  labels: Record<string, unknown>[];
}
let examplesCache: GitHubExamples | undefined;
function githubExamples(): GitHubExamples {
  // Run from build/emulators/ (tsc output); the fixture stays in the source tree.
  examplesCache ??= JSON.parse(
    readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'emulators', 'fixtures', 'github-examples.json'), 'utf8'),
  ) as GitHubExamples;
  return structuredClone(examplesCache);
}

/** A pull request as the emulator stores it (SPEC §13: the commands read it). */
export interface EmulatedPull {
  number: number;
  branch: string;
  sha: string;
  base: string;
  baseSha: string;
  state: 'open' | 'closed';
  merged: boolean;
  /** The head lives in a fork (`forker/<repo>`). */
  fork: boolean;
  labels: string[];
  /** The head repository was deleted (GitHub answers `head.repo: null`). */
  headRepoDeleted?: boolean;
}

/** What `GET …/collaborators/{user}/permission` answers: `maintain` is reported as `write`, `triage` as `read`. */
export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** Login of comments written with the workflow token. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** A comment as the emulator stores it. */
export interface StoredComment {
  id: number;
  issue: number;
  body: string;
  login: string;
  /** Written with an installation token: the App's slug (`github-actions` for GITHUB_TOKEN). */
  viaApp: string | false;
  createdAt: string;
  updatedAt: string;
}

/** How a token authenticates. */
export interface TokenInfo {
  /**
   * `workflow`: GITHUB_TOKEN (login github-actions[bot], GET /user → 403); `app`: an App's
   * installation token (login `<slug>[bot]`, GET /user → 403); `pat` (classic, `ghp_`) and
   * `fine-grained` (`github_pat_`): a user.
   */
  kind: 'workflow' | 'app' | 'pat' | 'fine-grained';
  /** The user's login (pat, fine-grained). */
  login?: string;
  /** The App's slug (app only). */
  slug?: string;
  /** Writes answer 403 "Resource not accessible by integration" (fork PRs, `permissions: read`). */
  readOnly?: boolean;
  /**
   * The `statuses` permission (default `write`). A workflow whose `permissions:` block leaves
   * it out gets `none`: reading and writing statuses answer 403, as on a private repository.
   */
  statuses?: 'write' | 'read' | 'none';
  /**
   * The `checks` permission (default `write`; an App token's). Without `write`, creating a check
   * run answers 403 "Resource not accessible by integration"; a PAT of either kind gets 403 "You
   * must authenticate via a GitHub App." (only Apps write check runs).
   */
  checks?: 'write' | 'read' | 'none';
  /** The `deployments` permission (default `write`): without `write`, creating a deployment or a status answers 403. */
  deployments?: 'write' | 'read' | 'none';
}

/** A deployment as the emulator stores it, with its statuses (oldest first). */
export interface StoredDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  transient: boolean;
  production: boolean;
  payload: unknown;
  description: string | null;
  creator: string;
  createdAt: string;
  statuses: { id: number; state: string; description: string; environmentUrl: string; logUrl: string; creator: string; createdAt: string }[];
}

/** A check run as the emulator stores it; annotations accumulate across requests, as GitHub's do. */
export interface StoredCheckRun {
  id: number;
  headSha: string;
  name: string;
  externalId: string;
  status: string;
  conclusion: string | null;
  detailsUrl: string | null;
  title: string | null;
  summary: string | null;
  text: string | null;
  annotations: Record<string, unknown>[];
  /** How many requests carried annotations. */
  annotationRequests: number;
  app: string;
  startedAt: string;
  completedAt: string | null;
}

/** A commit status as the emulator stores it. */
export interface StoredStatus {
  id: number;
  sha: string;
  /** Login of whoever set it. */
  creator: string;
  state: string;
  context: string;
  description: string;
  target_url: string | null;
  createdAt: string;
}

/** A commit of the emulated history: its parent and the files it touches. */
export interface EmulatedCommit {
  parent?: string;
  files: string[];
}

/** Options of the emulator. */
export interface GitHubEmulatorOptions {
  owner?: string;
  repo?: string;
  /** Numeric repository id used in `Link` headers. */
  repoId?: number;
  /** Serve under this prefix, as GitHub Enterprise Server does (`/api/v3`). */
  pathPrefix?: string;
  /**
   * Real git content: the repository for `owner/repo`, or undefined. When it answers for a
   * repository, branches come from its refs, and the calls DJ's server makes (git refs,
   * commits, tarballs) are served from it; repositories it knows are served besides
   * `owner`/`repo`.
   */
  git?: (owner: string, repo: string) => GitRepo | undefined;
  /** Answer 501 to any route not implemented, so that a call nobody expected shows (the DJ server's GitHub). */
  strict?: boolean;
  /**
   * Issues and pull requests #1…#n exist (default 99,999); comments on any other number answer
   * 404 as GitHub does (a pull request of another repository, a mistyped number).
   */
  lastIssueNumber?: number;
}

const DOCS = 'https://docs.github.com/rest';

/** The GitHub emulator. */
export class GitHubEmulator extends Emulator {
  readonly owner: string;
  readonly repo: string;
  readonly repoId: number;
  readonly pathPrefix: string;
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly issueComments = new Map<number, StoredComment[]>();
  private branchNames: string[] = [];
  private readonly commitStatuses = new Map<string, StoredStatus[]>();
  private readonly storedCheckRuns: StoredCheckRun[] = [];
  private readonly storedDeployments: StoredDeployment[] = [];
  private readonly commits = new Map<string, EmulatedCommit>();
  private readonly gitFor?: (owner: string, repo: string) => GitRepo | undefined;
  private readonly strict: boolean;
  private readonly lastIssueNumber: number;
  private readonly deletedIssues = new Set<number>();
  private readonly pulls = new Map<number, EmulatedPull>();
  private readonly roles = new Map<string, RepoRole>();
  private readonly commentReactions = new Map<number, { login: string; content: string }[]>();
  /** Who may be asked for review (collaborators); undefined: everyone. Teams as `slug`. */
  collaborators?: Set<string>;
  /** Pull-request authors (review requests refuse them); default `octocat`. */
  readonly prAuthors = new Map<number, string>();
  /** Reviewers requested on each pull request (users and team slugs), in request order. */
  readonly reviewRequests = new Map<number, { users: string[]; teams: string[] }>();
  private nextId = 1_000_001;
  private clock = Date.parse('2026-08-20T12:00:00Z');
  /** When set, every authenticated request spends one; at 0 the API answers 403 until reset. */
  rateLimit?: { limit: number; remaining: number; resetEpochSeconds: number };

  constructor(options: GitHubEmulatorOptions = {}) {
    super();
    this.owner = options.owner ?? 'acme';
    this.repo = options.repo ?? 'dj-definitions';
    this.repoId = options.repoId ?? 424242;
    this.pathPrefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
    this.gitFor = options.git;
    this.strict = options.strict ?? false;
    this.lastIssueNumber = options.lastIssueNumber ?? 99_999;
  }

  /** Deletes an issue or pull request: its comments answer 404 from then on. */
  deleteIssue(issue: number): void {
    this.deletedIssues.add(issue);
  }

  /** Whether issue or pull request `issue` exists. */
  issueExists(issue: number): boolean {
    return issue >= 1 && issue <= this.lastIssueNumber && !this.deletedIssues.has(issue);
  }

  /** The API base URL the client should use (includes the prefix). */
  get apiUrl(): string {
    return this.url + this.pathPrefix;
  }

  /** Registers a token. */
  addToken(token: string, info: TokenInfo): this {
    this.tokens.set(token, info);
    return this;
  }

  /** Adds `n` comments by `login` to `issue` ("comment 1" …); returns them. */
  seedComments(issue: number, n: number, login: string): StoredComment[] {
    const added: StoredComment[] = [];
    for (let i = 1; i <= n; i++) added.push(this.addComment(issue, login, `comment ${i} by ${login}`));
    return added;
  }

  /** Adds one comment as `login` (a look-alike, a user's reply…). */
  addComment(issue: number, login: string, body: string, viaApp: string | false = login === ACTIONS_BOT ? 'github-actions' : false): StoredComment {
    const now = this.tick();
    const comment: StoredComment = { id: this.nextId++, issue, body, login, viaApp, createdAt: now, updatedAt: now };
    const list = this.issueComments.get(issue) ?? [];
    list.push(comment);
    this.issueComments.set(issue, list);
    return comment;
  }

  /** Deletes a comment as a person would in the UI. */
  deleteComment(id: number): boolean {
    for (const list of this.issueComments.values()) {
      const i = list.findIndex(c => c.id === id);
      if (i !== -1) {
        list.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  /** The comments of an issue, oldest first (copies). */
  comments(issue: number): StoredComment[] {
    return (this.issueComments.get(issue) ?? []).map(c => ({ ...c }));
  }

  /** Adds branches to the repository. */
  addBranches(names: string[]): void {
    for (const n of names) if (!this.branchNames.includes(n)) this.branchNames.push(n);
  }

  /** Adds a commit to the history the comparison walks. */
  addCommit(sha: string, commit: EmulatedCommit): void {
    this.commits.set(sha, commit);
  }

  /** Adds a status to a commit, as another CI job (or another DJ server's step) would. */
  addStatus(sha: string, st: { context: string; state?: string; description?: string; creator?: string; target_url?: string | null }): void {
    const list = this.commitStatuses.get(sha) ?? [];
    list.push({
      id: this.nextId++,
      sha,
      creator: st.creator ?? ACTIONS_BOT,
      state: st.state ?? 'success',
      context: st.context,
      description: st.description ?? '',
      target_url: st.target_url ?? null,
      createdAt: this.tick(),
    });
    this.commitStatuses.set(sha, list);
  }

  /** Whether `ancestor` is `of` or one of its parents in the emulated history. */
  private isAncestor(ancestor: string, of: string): boolean {
    for (let at: string | undefined = of; at && this.commits.has(at); at = this.commits.get(at)!.parent) if (at === ancestor) return true;
    return false;
  }

  /** The statuses of a commit, oldest first (copies). */
  statuses(sha: string): StoredStatus[] {
    return (this.commitStatuses.get(sha) ?? []).map(st => ({ ...st }));
  }

  /** Adds (or replaces) a pull request; returns it. */
  addPull(pull: Partial<EmulatedPull> & { number: number; branch: string }): EmulatedPull {
    const full: EmulatedPull = {
      sha: sha(pull.branch),
      base: 'main',
      baseSha: sha('main'),
      state: 'open',
      merged: false,
      fork: false,
      labels: [],
      ...pull,
    };
    this.pulls.set(pull.number, full);
    return full;
  }

  /** A pull request (the stored object: tests change its state, head and labels through it). */
  pull(n: number): EmulatedPull | undefined {
    return this.pulls.get(n);
  }

  /** The role of `login` on the repository (default `read`, as for anyone on a public repository). */
  setRole(login: string, role: RepoRole): void {
    this.roles.set(login, role);
  }

  /** The reactions to a comment, in the order they were made. */
  reactions(commentId: number): { login: string; content: string }[] {
    return (this.commentReactions.get(commentId) ?? []).map(r => ({ ...r }));
  }

  /** The check runs of a commit (every commit when `sha` is undefined), oldest first (copies). */
  checkRuns(sha?: string): StoredCheckRun[] {
    return this.storedCheckRuns.filter(c => !sha || c.headSha === sha).map(c => ({ ...c, annotations: [...c.annotations] }));
  }

  private checkRunJson(c: StoredCheckRun): unknown {
    const base = `${this.apiUrl}/repos/${this.owner}/${this.repo}`;
    return {
      id: c.id,
      head_sha: c.headSha,
      node_id: `CR_${c.id}`,
      external_id: c.externalId,
      url: `${base}/check-runs/${c.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/runs/${c.id}`,
      details_url: c.detailsUrl,
      status: c.status,
      conclusion: c.conclusion,
      started_at: c.startedAt,
      completed_at: c.completedAt,
      output: { title: c.title, summary: c.summary, text: c.text, annotations_count: c.annotations.length, annotations_url: `${base}/check-runs/${c.id}/annotations` },
      name: c.name,
      check_suite: { id: 5_000_000 + c.id },
      app: this.appJson(c.app),
      pull_requests: [],
    };
  }

  /** Creates (`id` undefined) or updates a check run from a request body; a 422 reply when GitHub would refuse it. */
  private writeCheckRun(body: Record<string, unknown>, token: TokenInfo, id: number | undefined, json: (status: number, body: unknown) => Reply): Reply {
    const invalid = (field: string, message: string) =>
      json(422, { message: 'Validation Failed', errors: [{ resource: 'CheckRun', code: 'custom', field, message }], documentation_url: `${DOCS}/checks/runs`, status: '422' });
    const output = (body.output ?? undefined) as { title?: unknown; summary?: unknown; text?: unknown; annotations?: unknown } | undefined;
    const annotations = Array.isArray(output?.annotations) ? (output.annotations as Record<string, unknown>[]) : [];
    if (annotations.length > 50) return invalid('output.annotations', 'Only 50 annotations are allowed per request');
    for (const a of annotations) {
      if (
        typeof a.path !== 'string' ||
        typeof a.start_line !== 'number' ||
        typeof a.end_line !== 'number' ||
        !['notice', 'warning', 'failure'].includes(String(a.annotation_level)) ||
        typeof a.message !== 'string'
      ) {
        return invalid('output.annotations', 'An annotation needs path, start_line, end_line, annotation_level and message');
      }
    }
    for (const f of ['summary', 'text'] as const)
      if (typeof output?.[f] === 'string' && (output[f] as string).length > 65_535) return invalid(`output.${f}`, `${f} is too long (maximum is 65535 characters)`);
    if (output && (typeof output.title !== 'string' || typeof output.summary !== 'string')) return invalid('output', 'output needs a title and a summary');
    let run = id === undefined ? undefined : this.storedCheckRuns.find(c => c.id === id);
    if (id !== undefined && !run) return json(404, { message: 'Not Found', documentation_url: `${DOCS}/checks/runs`, status: '404' });
    if (!run) {
      if (typeof body.name !== 'string' || !body.name || typeof body.head_sha !== 'string') return invalid('name', 'name and head_sha are required');
      const now = this.tick();
      run = {
        id: this.nextId++,
        headSha: body.head_sha,
        name: body.name,
        externalId: typeof body.external_id === 'string' ? body.external_id : '',
        status: 'queued',
        conclusion: null,
        detailsUrl: null,
        title: null,
        summary: null,
        text: null,
        annotations: [],
        annotationRequests: 0,
        app: token.kind === 'app' ? (token.slug ?? 'my-app') : 'github-actions',
        startedAt: now,
        completedAt: null,
      };
      this.storedCheckRuns.push(run);
    }
    if (typeof body.status === 'string') run.status = body.status;
    if (typeof body.conclusion === 'string') {
      run.conclusion = body.conclusion;
      run.status = 'completed';
      run.completedAt = typeof body.completed_at === 'string' ? body.completed_at.replace(/\.\d+Z$/, 'Z') : this.tick();
    }
    if (typeof body.details_url === 'string') run.detailsUrl = body.details_url;
    if (output) {
      run.title = output.title as string;
      run.summary = output.summary as string;
      if (typeof output.text === 'string') run.text = output.text;
      if (annotations.length) {
        run.annotations.push(...annotations);
        run.annotationRequests++;
      }
    }
    return json(id === undefined ? 201 : 200, this.checkRunJson(run));
  }

  /** Every deployment, oldest first (copies); the state of each is its last status's. */
  deployments(): (StoredDeployment & { state: string | undefined })[] {
    return this.storedDeployments.map(d => ({ ...d, statuses: [...d.statuses], state: d.statuses.at(-1)?.state }));
  }

  private deploymentJson(d: StoredDeployment): unknown {
    const base = `${this.apiUrl}/repos/${this.owner}/${this.repo}`;
    return {
      url: `${base}/deployments/${d.id}`,
      id: d.id,
      node_id: `DE_${d.id}`,
      sha: d.sha,
      ref: d.ref,
      task: d.task,
      payload: d.payload,
      original_environment: d.environment,
      environment: d.environment,
      description: d.description,
      creator: this.userJson(d.creator),
      created_at: d.createdAt,
      updated_at: d.statuses.at(-1)?.createdAt ?? d.createdAt,
      statuses_url: `${base}/deployments/${d.id}/statuses`,
      repository_url: base,
      transient_environment: d.transient,
      production_environment: d.production,
    };
  }

  /** Removes a branch (pushed away, deleted in the UI). */
  removeBranch(name: string): void {
    this.branchNames = this.branchNames.filter(b => b !== name);
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d+Z$/, 'Z');
  }

  /** A user as GitHub's `simple-user` (every required field; avatars served from the emulator's own URL). */
  userJson(login: string): Record<string, unknown> {
    const bot = login.endsWith('[bot]');
    const id = bot ? (login === ACTIONS_BOT ? 41898282 : 900000 + (fnv(login) % 99999)) : 1000 + (fnv(login) % 899999);
    const api = `${this.apiUrl}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id,
      node_id: `${bot ? 'BOT' : 'U'}_${id}`,
      avatar_url: `${this.url}/avatars/u/${id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: bot ? `https://github.com/apps/${login.replace(/\[bot\]$/, '')}` : `https://github.com/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: bot ? 'Bot' : 'User',
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** A repository as GitHub's `repository` (every required field). */
  private repositoryJson(): Record<string, unknown> {
    const api = `${this.apiUrl}/repos/${this.owner}/${this.repo}`;
    const web = `https://github.com/${this.owner}/${this.repo}`;
    const when = new Date(Date.UTC(2026, 0, 1)).toISOString().replace(/\.\d+Z$/, 'Z');
    const urls = Object.fromEntries(
      [
        ['archive_url', '/{archive_format}{/ref}'],
        ['assignees_url', '/assignees{/user}'],
        ['blobs_url', '/git/blobs{/sha}'],
        ['branches_url', '/branches{/branch}'],
        ['collaborators_url', '/collaborators{/collaborator}'],
        ['comments_url', '/comments{/number}'],
        ['commits_url', '/commits{/sha}'],
        ['compare_url', '/compare/{base}...{head}'],
        ['contents_url', '/contents/{+path}'],
        ['contributors_url', '/contributors'],
        ['deployments_url', '/deployments'],
        ['downloads_url', '/downloads'],
        ['events_url', '/events'],
        ['forks_url', '/forks'],
        ['git_commits_url', '/git/commits{/sha}'],
        ['git_refs_url', '/git/refs{/sha}'],
        ['git_tags_url', '/git/tags{/sha}'],
        ['hooks_url', '/hooks'],
        ['issue_comment_url', '/issues/comments{/number}'],
        ['issue_events_url', '/issues/events{/number}'],
        ['issues_url', '/issues{/number}'],
        ['keys_url', '/keys{/key_id}'],
        ['labels_url', '/labels{/name}'],
        ['languages_url', '/languages'],
        ['merges_url', '/merges'],
        ['milestones_url', '/milestones{/number}'],
        ['notifications_url', '/notifications{?since,all,participating}'],
        ['pulls_url', '/pulls{/number}'],
        ['releases_url', '/releases{/id}'],
        ['stargazers_url', '/stargazers'],
        ['statuses_url', '/statuses/{sha}'],
        ['subscribers_url', '/subscribers'],
        ['subscription_url', '/subscription'],
        ['tags_url', '/tags'],
        ['teams_url', '/teams'],
        ['trees_url', '/git/trees{/sha}'],
      ].map(([k, v]) => [k, `${api}${v}`]),
    );
    return {
      id: this.repoId,
      node_id: `R_${this.repoId}`,
      name: this.repo,
      full_name: `${this.owner}/${this.repo}`,
      owner: this.userJson(this.owner),
      private: false,
      html_url: web,
      description: null,
      fork: false,
      url: api,
      ...urls,
      clone_url: `${web}.git`,
      git_url: `git://github.com/${this.owner}/${this.repo}.git`,
      ssh_url: `git@github.com:${this.owner}/${this.repo}.git`,
      svn_url: web,
      mirror_url: null,
      homepage: null,
      language: null,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 1,
      default_branch: 'main',
      open_issues: 0,
      open_issues_count: 0,
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_pages: false,
      has_downloads: true,
      archived: false,
      disabled: false,
      license: null,
      pushed_at: when,
      created_at: when,
      updated_at: when,
    };
  }

  /** A team as GitHub's `team` (org/team given by slug). */
  private teamJson(slug: string): Record<string, unknown> {
    const id = 5000 + (fnv(slug) % 99999);
    const api = `${this.apiUrl}/organizations/${this.repoId}/team/${id}`;
    return {
      id,
      node_id: `T_${id}`,
      url: api,
      members_url: `${api}/members{/member}`,
      name: slug,
      slug,
      description: null,
      privacy: 'closed',
      permission: 'pull',
      html_url: `https://github.com/orgs/${this.owner}/teams/${slug}`,
      repositories_url: `${api}/repos`,
      parent: null,
      type: 'organization',
    };
  }

  /** A pull request as GitHub's `pull-request-simple` (what POST requested_reviewers answers). */
  private reviewedPullJson(n: number, author: string, reviewers: { users: string[]; teams: string[] }): Record<string, unknown> {
    const api = `${this.apiUrl}/repos/${this.owner}/${this.repo}`;
    const web = `https://github.com/${this.owner}/${this.repo}`;
    const when = new Date(Date.UTC(2026, 0, 1)).toISOString().replace(/\.\d+Z$/, 'Z');
    const side = (ref: string) => ({ label: `${this.owner}:${ref}`, ref, sha: '0'.repeat(40), user: this.userJson(this.owner), repo: this.repositoryJson() });
    const link = (href: string) => ({ href });
    return {
      url: `${api}/pulls/${n}`,
      id: 700000 + n,
      node_id: `PR_${n}`,
      html_url: `${web}/pull/${n}`,
      diff_url: `${web}/pull/${n}.diff`,
      patch_url: `${web}/pull/${n}.patch`,
      issue_url: `${api}/issues/${n}`,
      commits_url: `${api}/pulls/${n}/commits`,
      review_comments_url: `${api}/pulls/${n}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${n}/comments`,
      statuses_url: `${api}/statuses/${'0'.repeat(40)}`,
      number: n,
      state: 'open',
      locked: false,
      title: `Pull request ${n}`,
      user: this.userJson(author),
      body: null,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: when,
      updated_at: when,
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: reviewers.users.map(u => this.userJson(u)),
      requested_teams: reviewers.teams.map(t => this.teamJson(t)),
      head: side(`pr-${n}`),
      base: side('main'),
      _links: {
        self: link(`${api}/pulls/${n}`),
        html: link(`${web}/pull/${n}`),
        issue: link(`${api}/issues/${n}`),
        comments: link(`${api}/issues/${n}/comments`),
        review_comments: link(`${api}/pulls/${n}/comments`),
        review_comment: link(`${api}/pulls/comments{/number}`),
        commits: link(`${api}/pulls/${n}/commits`),
        statuses: link(`${api}/statuses/${'0'.repeat(40)}`),
      },
      author_association: 'CONTRIBUTOR',
      auto_merge: null,
      draft: false,
    };
  }

  /** The App behind an installation token, as GitHub's `integration`. */
  private appJson(slug: string): Record<string, unknown> {
    const actions = slug === 'github-actions';
    const id = actions ? 15368 : 900001;
    return {
      id,
      slug,
      node_id: `A_${id}`,
      owner: this.userJson(actions ? 'github' : this.owner),
      name: actions ? 'GitHub Actions' : slug,
      description: actions ? 'Automate your workflow from idea to production' : '',
      external_url: actions ? 'https://help.github.com/en/actions' : `https://github.com/apps/${slug}`,
      html_url: `https://github.com/apps/${slug}`,
      created_at: '2018-07-30T09:30:17Z',
      updated_at: '2024-04-10T20:33:16Z',
      permissions: { issues: 'write', metadata: 'read', pull_requests: 'write', statuses: 'write' },
      events: [],
    };
  }

  /** A commit as GitHub's `commit` (authors not linked to accounts: null, as GitHub answers for unknown e-mails). */
  private fullCommitJson(
    owner: string,
    repo: string,
    c: {
      sha: string;
      tree: string;
      parents: string[];
      message: string;
      author: { name: string; email: string; date: string };
      committer: { name: string; email: string; date: string };
    },
  ): Record<string, unknown> {
    const base = `${this.apiUrl}/repos/${owner}/${repo}`;
    return {
      sha: c.sha,
      node_id: `C_${c.sha}`,
      url: `${base}/commits/${c.sha}`,
      html_url: `https://github.com/${owner}/${repo}/commit/${c.sha}`,
      comments_url: `${base}/commits/${c.sha}/comments`,
      commit: {
        url: `${base}/git/commits/${c.sha}`,
        author: c.author,
        committer: c.committer,
        message: c.message,
        tree: { sha: c.tree, url: `${base}/git/trees/${c.tree}` },
        comment_count: 0,
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
      },
      author: null,
      committer: null,
      parents: c.parents.map(p => ({ sha: p, url: `${base}/commits/${p}`, html_url: `https://github.com/${owner}/${repo}/commit/${p}` })),
    };
  }

  /** A commit of the emulated history (no git content): made-up metadata around its SHA. */
  private fakeCommitJson(sha: string): Record<string, unknown> {
    const who = { name: 'Dana Developer', email: 'dana@example.com', date: '2026-08-20T12:00:00Z' };
    const parent = this.commits.get(sha)?.parent;
    return this.fullCommitJson(this.owner, this.repo, {
      sha,
      tree: sha.split('').reverse().join(''),
      parents: parent ? [parent] : [],
      message: `commit ${sha.slice(0, 7)}`,
      author: who,
      committer: who,
    });
  }

  /** A branch as GitHub's `branch-with-protection` (GET …/branches/{branch}). */
  private branchJson(owner: string, repo: string, name: string, commit: Record<string, unknown>): Record<string, unknown> {
    const self = `${this.apiUrl}/repos/${owner}/${repo}/branches/${name}`;
    return {
      name,
      commit,
      _links: { self, html: `https://github.com/${owner}/${repo}/tree/${name}` },
      protected: false,
      protection: { enabled: false, required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } },
      protection_url: `${self}/protection`,
    };
  }

  /** One entry of a branch listing, as GitHub's `short-branch`. */
  private shortBranchJson(owner: string, repo: string, name: string, sha: string): Record<string, unknown> {
    return { name, commit: { sha, url: `${this.apiUrl}/repos/${owner}/${repo}/commits/${sha}` }, protected: false };
  }

  private commentJson(c: StoredComment): unknown {
    const base = `${this.apiUrl}/repos/${this.owner}/${this.repo}`;
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${base}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${base}/issues/${c.issue}`,
      body: c.body,
      user: this.userJson(c.login),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: c.viaApp ? 'NONE' : 'MEMBER',
      performed_via_github_app: c.viaApp ? this.appJson(c.viaApp) : null,
    };
  }

  private statusJson(st: StoredStatus): unknown {
    return {
      url: `${this.apiUrl}/repos/${this.owner}/${this.repo}/statuses/${st.sha}`,
      avatar_url: `${this.url}/avatars/u/41898282?v=4`,
      id: st.id,
      node_id: `SC_${st.id}`,
      state: st.state,
      description: st.description,
      target_url: st.target_url,
      context: st.context,
      created_at: st.createdAt,
      updated_at: st.createdAt,
      creator: this.userJson(st.creator),
    };
  }

  private rateHeaders(): Record<string, string> {
    if (!this.rateLimit) return {};
    const r = this.rateLimit;
    return {
      'x-ratelimit-limit': String(r.limit),
      'x-ratelimit-remaining': String(Math.max(0, r.remaining)),
      'x-ratelimit-reset': String(r.resetEpochSeconds),
      'x-ratelimit-used': String(r.limit - Math.max(0, r.remaining)),
      'x-ratelimit-resource': 'core',
    };
  }

  /** A proxy in front that strips `Link` headers from every answer. */
  stripLinkHeaders = false;
  /** Called before a page of a listing is served (a test changes the repository between pages). */
  beforePage?: (linkPath: string, page: number) => void;

  /** A page of `items` with GitHub's `Link` header, built from the emulator's own URL. */
  private page<T>(req: RecordedRequest, all: T[] | (() => T[]), linkPath: string, render: (item: T) => unknown): Reply {
    this.beforePage?.(linkPath, Math.max(1, Number(req.query.get('page') ?? 1) || 1));
    const items = typeof all === 'function' ? all() : all;
    const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const href = (p: number) => `<${this.apiUrl}${linkPath}?per_page=${perPage}&page=${p}>`;
    const links: string[] = [];
    if (page > 1) links.push(`${href(page - 1)}; rel="prev"`);
    if (page < last) links.push(`${href(page + 1)}; rel="next"`, `${href(last)}; rel="last"`);
    if (page > 1) links.push(`${href(1)}; rel="first"`);
    return { status: 200, json: slice.map(render), headers: { ...this.rateHeaders(), ...(links.length && !this.stripLinkHeaders ? { link: links.join(', ') } : {}) } };
  }

  protected handle(req: RecordedRequest): Reply {
    // GraphQL lives at /graphql, and at /api/graphql beside a GHES REST base of /api/v3.
    const graphqlPath = this.pathPrefix ? this.pathPrefix.replace(/\/v3$/, '') + '/graphql' : '/graphql';
    const isGraphql = req.rawPath === graphqlPath;
    if (this.pathPrefix && !isGraphql && !req.rawPath.startsWith(this.pathPrefix + '/')) return notFound();
    const raw = isGraphql ? '/graphql' : req.rawPath.slice(this.pathPrefix.length);
    const seg = raw
      .split('/')
      .filter(Boolean)
      .map(s => decodeURIComponent(s));

    // Where GitHub's tarball redirect points (codeload.github.com): the URL itself is the credential.
    if (req.method === 'GET' && seg[0] === '_codeload' && seg.length === 5 && seg[3] === 'tar.gz') {
      const git = this.gitFor?.(seg[1]!, seg[2]!);
      const sha = seg[4]!;
      if (!git || !git.hasCommit(sha)) return { status: 404, text: '404: Not Found' };
      return { status: 200, bytes: git.tarball(sha, `${seg[1]}-${seg[2]}-${sha.slice(0, 7)}`), headers: { 'content-type': 'application/x-gzip' } };
    }

    const auth = String(req.headers.authorization ?? '');
    const m = /^(?:Bearer|token) (.+)$/.exec(auth);
    const token = m ? this.tokens.get(m[1]!) : undefined;
    if (!token) return { status: 401, json: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } };

    if (this.rateLimit) {
      if (this.rateLimit.remaining <= 0) {
        return {
          status: 403,
          json: { message: 'API rate limit exceeded for installation ID 4242.', documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api` },
          headers: this.rateHeaders(),
        };
      }
      this.rateLimit.remaining--;
    }
    const json = (status: number, body: unknown): Reply => ({ status, json: body, headers: this.rateHeaders() });

    if (req.method === 'GET' && seg.length === 1 && seg[0] === 'user') {
      if (token.kind === 'workflow' || token.kind === 'app')
        return json(403, { message: 'Resource not accessible by integration', documentation_url: `${DOCS}/users/users#get-the-authenticated-user`, status: '403' });
      return json(200, { login: token.login, id: 7, type: 'User' });
    }
    if (isGraphql) {
      if (req.method !== 'POST') return json(404, { message: 'Not Found', documentation_url: DOCS });
      const query = (req.json as { query?: unknown } | undefined)?.query;
      if (typeof query !== 'string') return json(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' });
      if (!/\bviewer\s*\{/.test(query)) return json(200, { errors: [{ message: 'This emulator answers only `viewer`.' }] });
      const bot = token.kind === 'workflow' || token.kind === 'app';
      const login = authorLogin(token).replace(/\[bot\]$/, '');
      return json(200, { data: { viewer: { login, ...(/__typename/.test(query) ? { __typename: bot ? 'Bot' : 'User' } : {}) } } });
    }

    // /repos/{owner}/{repo}/… or /repositories/{id}/… (the form GitHub's Link headers use).
    let rest: string[];
    let git: GitRepo | undefined;
    let [owner, repo] = [this.owner, this.repo];
    if (seg[0] === 'repos' && seg.length >= 3) {
      [owner, repo] = [seg[1]!, seg[2]!];
      const ours = seg[1]!.toLowerCase() === this.owner.toLowerCase() && seg[2]!.toLowerCase() === this.repo.toLowerCase();
      git = this.gitFor?.(seg[1]!, seg[2]!);
      if (!ours && !git) return this.unknown(req);
      rest = seg.slice(3);
    } else if (seg[0] === 'repositories' && seg.length >= 2) {
      if (seg[1] !== String(this.repoId)) return notFound();
      git = this.gitFor?.(this.owner, this.repo);
      rest = seg.slice(2);
    } else {
      return this.unknown(req);
    }
    const write = req.method !== 'GET';
    // A body that says it is JSON and is not: GitHub answers 400 before looking further.
    if (write && req.malformedJson) return json(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
    if (write && token.readOnly) {
      return json(403, { message: 'Resource not accessible by integration', documentation_url: `${DOCS}/issues/comments`, status: '403' });
    }

    const served = this.commandRoute(req, token, rest, json);
    if (served) return served;
    // issues/{n}/comments
    if (rest[0] === 'issues' && rest.length === 3 && rest[2] === 'comments' && /^\d+$/.test(rest[1]!)) {
      const issue = Number(rest[1]);
      if (!this.issueExists(issue)) return json(404, { message: 'Not Found', documentation_url: `${DOCS}/issues/comments`, status: '404' });
      if (req.method === 'GET') {
        return this.page(req, this.issueComments.get(issue) ?? [], `/repositories/${this.repoId}/issues/${issue}/comments`, c => this.commentJson(c));
      }
      if (req.method === 'POST') {
        const invalid = invalidBody(req.json);
        if (invalid) return json(422, invalid);
        const c = this.addComment(issue, authorLogin(token), (req.json as { body: string }).body, appSlug(token));
        return json(201, this.commentJson(c));
      }
    }
    // issues/comments/{id}
    if (rest[0] === 'issues' && rest[1] === 'comments' && rest.length === 3 && /^\d+$/.test(rest[2]!)) {
      const id = Number(rest[2]);
      const found = [...this.issueComments.values()].flat().find(c => c.id === id);
      if (!found) return json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
      if (req.method === 'GET') return json(200, this.commentJson(found));
      if (req.method === 'PATCH') {
        const invalid = invalidBody(req.json);
        if (invalid) return json(422, invalid);
        found.body = (req.json as { body: string }).body;
        found.updatedAt = this.tick();
        return json(200, this.commentJson(found));
      }
      if (req.method === 'DELETE') {
        this.deleteComment(id);
        return { status: 204, text: '', headers: this.rateHeaders() };
      }
    }
    // pulls/{n}/requested_reviewers (POST): 422 for the author or anyone not a collaborator,
    // and then nobody in the request is added (GitHub checks the whole request first).
    if (rest[0] === 'pulls' && rest.length === 3 && rest[2] === 'requested_reviewers' && /^\d+$/.test(rest[1]!) && req.method === 'POST') {
      const pull = Number(rest[1]);
      if (!this.issueExists(pull)) return json(404, { message: 'Not Found', documentation_url: `${DOCS}/pulls/review-requests`, status: '404' });
      const body = (req.json ?? {}) as { reviewers?: unknown; team_reviewers?: unknown };
      const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
      const users = list(body.reviewers);
      const teams = list(body.team_reviewers);
      const author = this.prAuthors.get(pull) ?? 'octocat';
      const refused = (message: string) => json(422, { message, documentation_url: `${DOCS}/pulls/review-requests#request-reviewers-for-a-pull-request`, status: '422' });
      if (users.some(u => u.toLowerCase() === author.toLowerCase())) return refused('Review cannot be requested from pull request author.');
      if (this.collaborators && [...users, ...teams].some(u => !this.collaborators!.has(u))) {
        return refused(
          `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${this.owner}/${this.repo} repository.`,
        );
      }
      const held = this.reviewRequests.get(pull) ?? { users: [], teams: [] };
      for (const u of users) if (!held.users.includes(u)) held.users.push(u);
      for (const t of teams) if (!held.teams.includes(t)) held.teams.push(t);
      this.reviewRequests.set(pull, held);
      return json(201, this.reviewedPullJson(pull, author, held));
    }
    // commits/{ref}/statuses, statuses/{sha}
    const statusesRefused = () => json(403, { message: 'Resource not accessible by integration', documentation_url: `${DOCS}/commits/statuses`, status: '403' });
    if (rest[0] === 'commits' && rest.length === 3 && rest[2] === 'statuses' && req.method === 'GET') {
      if (token.statuses === 'none') return statusesRefused();
      const list = [...(this.commitStatuses.get(rest[1]!) ?? [])].reverse();
      return this.page(req, list, `/repositories/${this.repoId}/commits/${rest[1]}/statuses`, st => this.statusJson(st));
    }
    if (rest[0] === 'statuses' && rest.length === 2 && req.method === 'POST') {
      if ((token.statuses ?? 'write') !== 'write') return statusesRefused();
      const body = (req.json ?? {}) as { state?: unknown; context?: unknown; description?: unknown; target_url?: unknown };
      if (!['error', 'failure', 'pending', 'success'].includes(String(body.state))) {
        return json(422, { message: 'Validation Failed', errors: [{ resource: 'Status', code: 'custom', field: 'state' }], documentation_url: DOCS, status: '422' });
      }
      if (typeof body.description === 'string' && body.description.length > 140) {
        return json(422, {
          message: 'Validation Failed',
          errors: [{ resource: 'Status', code: 'custom', field: 'description', message: 'description is too long (maximum is 140 characters)' }],
          documentation_url: DOCS,
          status: '422',
        });
      }
      const st: StoredStatus = {
        id: this.nextId++,
        sha: rest[1]!,
        creator: authorLogin(token),
        state: String(body.state),
        context: typeof body.context === 'string' ? body.context : 'default',
        description: typeof body.description === 'string' ? body.description : '',
        target_url: typeof body.target_url === 'string' ? body.target_url : null,
        createdAt: this.tick(),
      };
      const list = this.commitStatuses.get(st.sha) ?? [];
      list.push(st);
      this.commitStatuses.set(st.sha, list);
      return json(201, this.statusJson(st));
    }
    // check-runs (POST), check-runs/{id} (PATCH), commits/{ref}/check-runs (GET ?check_name=)
    if (rest[0] === 'check-runs' && (rest.length === 1 ? req.method === 'POST' : rest.length === 2 && req.method === 'PATCH' && /^\d+$/.test(rest[1]!))) {
      if (token.kind === 'pat' || token.kind === 'fine-grained')
        return json(403, { message: 'You must authenticate via a GitHub App.', documentation_url: `${DOCS}/checks/runs#create-a-check-run`, status: '403' });
      if ((token.checks ?? 'write') !== 'write')
        return json(403, { message: 'Resource not accessible by integration', documentation_url: `${DOCS}/checks/runs#create-a-check-run`, status: '403' });
      return this.writeCheckRun((req.json ?? {}) as Record<string, unknown>, token, rest.length === 2 ? Number(rest[1]) : undefined, json);
    }
    if (rest[0] === 'commits' && rest.length === 3 && rest[2] === 'check-runs' && req.method === 'GET') {
      if (token.checks === 'none') return json(403, { message: 'Resource not accessible by integration', documentation_url: `${DOCS}/checks/runs`, status: '403' });
      const name = req.query.get('check_name');
      const runs = this.storedCheckRuns.filter(c => c.headSha === rest[1] && (!name || c.name === name)).reverse();
      const perPage = Math.min(100, Number(req.query.get('per_page') ?? 30) || 30);
      return json(200, { total_count: runs.length, check_runs: runs.slice(0, perPage).map(c => this.checkRunJson(c)) });
    }
    // deployments (POST, GET ?task=&environment=), deployments/{id}/statuses (POST)
    if (rest[0] === 'deployments') {
      const refused = () => json(403, { message: 'Resource not accessible by integration', documentation_url: `${DOCS}/deployments/deployments`, status: '403' });
      const base = `${this.apiUrl}/repos/${owner}/${repo}`;
      if (rest.length === 1 && req.method === 'GET') {
        const task = req.query.get('task');
        const env = req.query.get('environment');
        const list = this.storedDeployments.filter(d => (!task || d.task === task) && (!env || d.environment === env)).reverse();
        return this.page(req, list, `/repositories/${this.repoId}/deployments`, d => this.deploymentJson(d));
      }
      if (rest.length === 1 && req.method === 'POST') {
        if ((token.deployments ?? 'write') !== 'write') return refused();
        const body = (req.json ?? {}) as Record<string, unknown>;
        const ref = typeof body.ref === 'string' ? body.ref : '';
        const sha = git?.resolve(ref) ?? (/^[0-9a-f]{40}$/.test(ref) ? ref : undefined);
        if (!sha) return json(422, { message: `No ref found for: ${ref}`, documentation_url: `${DOCS}/deployments/deployments#create-a-deployment`, status: '422' });
        const d: StoredDeployment = {
          id: this.nextId++,
          sha,
          ref,
          task: typeof body.task === 'string' ? body.task : 'deploy',
          environment: typeof body.environment === 'string' ? body.environment : 'production',
          transient: body.transient_environment === true,
          production: typeof body.production_environment === 'boolean' ? body.production_environment : body.environment === 'production',
          payload: body.payload ?? {},
          description: typeof body.description === 'string' ? body.description : null,
          creator: authorLogin(token),
          createdAt: this.tick(),
          statuses: [],
        };
        this.storedDeployments.push(d);
        return json(201, this.deploymentJson(d));
      }
      if (rest.length === 3 && rest[2] === 'statuses' && req.method === 'POST' && /^\d+$/.test(rest[1]!)) {
        if ((token.deployments ?? 'write') !== 'write') return refused();
        const d = this.storedDeployments.find(x => x.id === Number(rest[1]));
        if (!d) return json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
        const body = (req.json ?? {}) as Record<string, unknown>;
        const state = String(body.state);
        if (!['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'].includes(state)) {
          return json(422, { message: 'Validation Failed', errors: [{ resource: 'DeploymentStatus', code: 'custom', field: 'state' }], documentation_url: DOCS, status: '422' });
        }
        const st = {
          id: this.nextId++,
          state,
          description: typeof body.description === 'string' ? body.description : '',
          environmentUrl: typeof body.environment_url === 'string' ? body.environment_url : '',
          logUrl: typeof body.log_url === 'string' ? body.log_url : '',
          creator: authorLogin(token),
          createdAt: this.tick(),
        };
        d.statuses.push(st);
        const self = `${base}/deployments/${d.id}`;
        return json(201, {
          url: `${self}/statuses/${st.id}`,
          id: st.id,
          node_id: `DES_${st.id}`,
          state: st.state,
          creator: this.userJson(st.creator),
          description: st.description,
          environment: d.environment,
          target_url: st.logUrl || st.environmentUrl || self,
          created_at: st.createdAt,
          updated_at: st.createdAt,
          deployment_url: self,
          repository_url: base,
          ...(st.environmentUrl ? { environment_url: st.environmentUrl } : {}),
          ...(st.logUrl ? { log_url: st.logUrl } : {}),
        });
      }
    }
    // compare/{base}...{head} over the emulated history (addCommit); a repository backed by git
    // answers from git below, unless the head is an emulated commit.
    const emulatedHead = /^(?:.+?)\.\.\.(.+)$/.exec(rest[1] ?? '')?.[1];
    if (rest[0] === 'compare' && rest.length === 2 && req.method === 'GET' && (!git || (emulatedHead !== undefined && this.commits.has(emulatedHead)))) {
      const m = /^(.+?)\.\.\.(.+)$/.exec(rest[1]!);
      if (!m) return json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
      const [, base, head] = m;
      const files = new Set<string>();
      let at: string | undefined = head;
      let ahead = 0;
      while (at && at !== base && this.commits.has(at)) {
        for (const f of this.commits.get(at)!.files) files.add(f);
        at = this.commits.get(at)!.parent;
        ahead++;
      }
      if (!this.commits.has(head!)) return json(404, { message: `No commit found for SHA: ${head}`, documentation_url: DOCS, status: '404' });
      // `head` behind `base`: walking back from `base` reaches it (a branch reset to an older commit).
      let behind = 0;
      if (at !== base) {
        for (let b: string | undefined = base; b && this.commits.has(b); b = this.commits.get(b)!.parent) {
          if (b === head) break;
          behind++;
        }
      }
      const isBehind = at !== base && behind > 0 && this.isAncestor(head!, base!);
      const repoBase = `${this.apiUrl}/repos/${this.owner}/${this.repo}`;
      const web = `https://github.com/${this.owner}/${this.repo}`;
      return json(200, {
        url: `${repoBase}/compare/${rest[1]}`,
        html_url: `${web}/compare/${rest[1]}`,
        permalink_url: `${web}/compare/${this.owner}:${base}...${this.owner}:${head}`,
        diff_url: `${web}/compare/${rest[1]}.diff`,
        patch_url: `${web}/compare/${rest[1]}.patch`,
        base_commit: this.fakeCommitJson(base!),
        merge_base_commit: this.fakeCommitJson(base!),
        status: at === base ? (ahead ? 'ahead' : 'identical') : isBehind ? 'behind' : 'diverged',
        ahead_by: isBehind ? 0 : ahead,
        behind_by: isBehind ? behind : 0,
        total_commits: isBehind ? 0 : ahead,
        commits: [],
        files: isBehind ? [] : [...files].map(filename => diffEntry(repoBase, web, head!, { filename, status: 'modified' })),
      });
    }
    if (git) {
      const served = this.gitRoute(req, git, owner, repo, rest, json);
      if (served) return served;
    }
    // branches, branches/{branch} (GitHub also takes unencoded slashes in the name)
    if (rest[0] === 'branches' && req.method === 'GET') {
      if (rest.length === 1) {
        return this.page(
          req,
          () => this.branchNames,
          `/repositories/${this.repoId}/branches`,
          name => this.shortBranchJson(owner, repo, name, sha(name)),
        );
      }
      const name = rest.slice(1).join('/');
      if (!this.branchNames.includes(name)) return json(404, { message: 'Branch not found', documentation_url: DOCS, status: '404' });
      return json(200, this.branchJson(owner, repo, name, this.fakeCommitJson(sha(name))));
    }
    return this.unknown(req);
  }

  /** A label as GitHub's `label`. */
  private labelJson(name: string): Record<string, unknown> {
    const id = 200_000_000 + (fnv(name) % 99_999_999);
    return {
      id,
      node_id: `LA_${id}`,
      url: `${this.apiUrl}/repos/${this.owner}/${this.repo}/labels/${encodeURIComponent(name)}`,
      name,
      description: '',
      color: 'ededed',
      default: false,
    };
  }

  /** A pull request as GitHub's `pull-request` (`simple`: `pull-request-simple`, as listings give it). */
  private pullJson(p: EmulatedPull, simple: boolean): Record<string, unknown> {
    const examples = githubExamples();
    const out = simple ? examples.pullRequestSimple : examples.pullRequest;
    const full = `${this.owner}/${this.repo}`;
    const api = `${this.apiUrl}/repos/${full}`;
    const side = (which: 'head' | 'base', ref: string, at: string, repoName: string | null) => {
      const src = out[which] as Record<string, unknown>;
      const repo = src.repo as Record<string, unknown>;
      const owner = repoName ? repoName.split('/')[0]! : this.owner;
      return {
        ...src,
        label: `${owner}:${ref}`,
        ref,
        sha: at,
        user: this.userJson(owner),
        repo: repoName === null ? null : { ...repo, name: repoName.split('/')[1], full_name: repoName, owner: this.userJson(owner), fork: repoName !== full },
      };
    };
    const closedAt = p.state === 'closed' ? '2026-08-21T12:00:00Z' : null;
    Object.assign(out, {
      url: `${api}/pulls/${p.number}`,
      id: 1_000_000 + p.number,
      node_id: `PR_${p.number}`,
      html_url: `https://github.com/${full}/pull/${p.number}`,
      issue_url: `${api}/issues/${p.number}`,
      number: p.number,
      state: p.state,
      title: `Pull request #${p.number}`,
      labels: p.labels.map(l => this.labelJson(l)),
      // GitHub's example requests a team without the `type` its own schema requires: none here.
      requested_teams: [],
      closed_at: closedAt,
      merged_at: p.merged ? closedAt : null,
      head: side('head', p.branch, p.sha, p.headRepoDeleted ? null : p.fork ? `forker/${this.repo}` : full),
      base: side('base', p.base, p.baseSha, full),
    });
    if (!simple) Object.assign(out, { merged: p.merged, mergeable: p.state === 'open' ? true : null, merged_by: null });
    return out;
  }

  /**
   * The routes of comment commands and the keep label (SPEC §13): pull requests (one, and the
   * listing by `head`), a collaborator's permission, reactions to a comment, labels added to an
   * issue. Undefined: not one of these.
   */
  private commandRoute(req: RecordedRequest, token: TokenInfo, rest: string[], json: (status: number, body: unknown) => Reply): Reply | undefined {
    const notFoundJson = () => json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    if (rest[0] === 'pulls' && req.method === 'GET') {
      if (rest.length === 2 && /^\d+$/.test(rest[1]!)) {
        const p = this.pulls.get(Number(rest[1]));
        return p ? json(200, this.pullJson(p, false)) : notFoundJson();
      }
      if (rest.length === 1) {
        const head = req.query.get('head');
        const state = req.query.get('state') ?? 'open';
        const list = [...this.pulls.values()]
          .filter(p => !head || `${p.fork ? 'forker' : this.owner}:${p.branch}`.toLowerCase() === head.toLowerCase() || (!head.includes(':') && p.branch === head))
          .filter(p => state === 'all' || p.state === state)
          .sort((a, b) => b.number - a.number);
        return this.page(req, list, `/repositories/${this.repoId}/pulls`, p => this.pullJson(p, true));
      }
    }
    if (rest[0] === 'collaborators' && rest.length === 3 && rest[2] === 'permission' && req.method === 'GET') {
      const login = rest[1]!;
      const role = this.roles.get(login) ?? 'read';
      const body = githubExamples().permission;
      const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
      return json(200, { ...body, permission, role_name: role, user: { ...this.userJson(login), role_name: role } });
    }
    if (rest[0] === 'issues' && rest[1] === 'comments' && rest.length === 4 && rest[3] === 'reactions' && req.method === 'POST' && /^\d+$/.test(rest[2]!)) {
      const id = Number(rest[2]);
      if (![...this.issueComments.values()].flat().some(c => c.id === id)) return notFoundJson();
      const content = String((req.json as { content?: unknown } | undefined)?.content ?? '');
      if (!['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'].includes(content)) {
        return json(422, { message: 'Validation Failed', errors: [{ resource: 'Reaction', code: 'invalid', field: 'content' }], documentation_url: DOCS, status: '422' });
      }
      const login = authorLogin(token);
      const list = this.commentReactions.get(id) ?? [];
      const again = list.some(r => r.login === login && r.content === content);
      if (!again) list.push({ login, content });
      this.commentReactions.set(id, list);
      const reaction = githubExamples().reaction;
      return json(again ? 200 : 201, { ...reaction, id: 7_000_000 + list.length, node_id: `REA_${id}_${content}`, user: this.userJson(login), content, created_at: this.tick() });
    }
    if (rest[0] === 'issues' && rest.length === 3 && rest[2] === 'labels' && req.method === 'POST' && /^\d+$/.test(rest[1]!)) {
      const n = Number(rest[1]);
      if (!this.issueExists(n)) return notFoundJson();
      const labels = (req.json as { labels?: unknown } | undefined)?.labels;
      if (!Array.isArray(labels) || !labels.every(l => typeof l === 'string' && l)) {
        return json(422, { message: "Invalid request.\n\nFor 'properties/labels', nil is not an array.", documentation_url: DOCS, status: '422' });
      }
      const pull = this.pulls.get(n);
      const current = pull?.labels ?? [];
      for (const l of labels as string[]) if (!current.includes(l)) current.push(l);
      if (pull) pull.labels = current;
      return json(
        200,
        current.map(l => this.labelJson(l)),
      );
    }
    return undefined;
  }

  /** 404 as GitHub answers an unknown route, or 501 in strict mode. */
  private unknown(req: RecordedRequest): Reply {
    if (!this.strict) return notFound();
    return { status: 501, json: { message: `The GitHub emulator does not implement ${req.method} ${req.rawPath}`, documentation_url: DOCS, status: '501' } };
  }

  /**
   * The routes served from real git content: branches, the calls DJ's server makes (reference
   * dj-real-server.md), and GitHub's answers to what does not exist. Undefined: not a git route.
   */
  private gitRoute(req: RecordedRequest, git: GitRepo, owner: string, repo: string, rest: string[], json: (status: number, body: unknown) => Reply): Reply | undefined {
    const base = `${this.apiUrl}/repos/${owner}/${repo}`;
    const notFoundJson = () => json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    const commitJson = (sha: string) => this.fullCommitJson(owner, repo, git.commit(sha));
    const refJson = (name: string, sha: string) => ({
      ref: `refs/heads/${name}`,
      node_id: `REF_${sha.slice(0, 12)}`,
      url: `${base}/git/refs/heads/${name}`,
      object: { sha, type: 'commit', url: `${base}/git/commits/${sha}` },
    });
    if (req.method === 'GET' && rest[0] === 'branches') {
      if (rest.length === 1) {
        const names = git.branches();
        return this.page(req, names, `/repositories/${this.repoId}/branches`, name => this.shortBranchJson(owner, repo, name, git.head(name)!));
      }
      const name = rest.slice(1).join('/');
      const head = git.head(name);
      if (!head) return json(404, { message: 'Branch not found', documentation_url: DOCS, status: '404' });
      return json(200, this.branchJson(owner, repo, name, commitJson(head)));
    }
    if (req.method === 'GET' && rest[0] === 'git' && rest[1] === 'ref' && rest[2] === 'heads' && rest.length > 3) {
      const name = rest.slice(3).join('/');
      const head = git.head(name);
      return head ? json(200, refJson(name, head)) : notFoundJson();
    }
    if (req.method === 'GET' && rest[0] === 'commits' && rest.length > 1) {
      const ref = rest.slice(1).join('/');
      const sha = git.resolve(ref);
      if (!sha) return json(422, { message: `No commit found for SHA: ${ref}`, documentation_url: DOCS, status: '422' });
      return json(200, commitJson(sha));
    }
    // compare/{base}...{head}: three dots, from the merge base, as GitHub compares. GitHub lists
    // at most 300 files of a comparison.
    if (req.method === 'GET' && rest[0] === 'compare' && rest.length >= 2) {
      const spec = rest.slice(1).join('/');
      const m = /^(.+?)\.\.\.(.+)$/.exec(spec);
      const from = m ? git.resolve(m[1]!) : undefined;
      const to = m ? git.resolve(m[2]!) : undefined;
      if (!from || !to) return notFoundJson();
      const mergeBase = git.mergeBase(from, to);
      if (!mergeBase) return json(404, { message: `No common ancestor between ${m![1]} and ${m![2]}.`, documentation_url: DOCS, status: '404' });
      const files = git.changedFiles(mergeBase, to).slice(0, 300);
      const ahead = Number(
        git
          .git(['rev-list', '--count', `${mergeBase}..${to}`])
          .toString()
          .trim(),
      );
      const behind = Number(
        git
          .git(['rev-list', '--count', `${mergeBase}..${from}`])
          .toString()
          .trim(),
      );
      const web = `https://github.com/${owner}/${repo}`;
      return json(200, {
        url: `${base}/compare/${spec}`,
        html_url: `${web}/compare/${spec}`,
        permalink_url: `${web}/compare/${owner}:${mergeBase}...${owner}:${to}`,
        diff_url: `${web}/compare/${spec}.diff`,
        patch_url: `${web}/compare/${spec}.patch`,
        status: ahead && behind ? 'diverged' : ahead ? 'ahead' : behind ? 'behind' : 'identical',
        ahead_by: ahead,
        behind_by: behind,
        total_commits: ahead,
        base_commit: commitJson(from),
        merge_base_commit: commitJson(mergeBase),
        commits: [],
        files: files.map(f => diffEntry(base, web, to, f)),
      });
    }
    // git/trees/{sha}?recursive=1: every blob and tree of the commit's tree.
    if (req.method === 'GET' && rest[0] === 'git' && rest[1] === 'trees' && rest.length === 3) {
      const sha = git.resolve(rest[2]!);
      if (!sha) return notFoundJson();
      const recursive = req.query.has('recursive');
      const lines = git
        .git(['ls-tree', ...(recursive ? ['-r', '-t'] : []), sha])
        .toString()
        .split('\n')
        .filter(Boolean);
      const tree = lines.map(line => {
        const [meta, file] = line.split('\t') as [string, string];
        const [mode, type, object] = meta.split(' ') as [string, string, string];
        return { path: file, mode, type, sha: object, url: `${base}/git/${type === 'tree' ? 'trees' : 'blobs'}/${object}`, ...(type === 'blob' ? { size: 0 } : {}) };
      });
      const treeSha = git
        .git(['rev-parse', `${sha}^{tree}`])
        .toString()
        .trim();
      return json(200, { sha: treeSha, url: `${base}/git/trees/${treeSha}`, tree, truncated: false });
    }
    // contents/{path}?ref=: the raw file with `Accept: application/vnd.github.raw`, else GitHub's JSON with base64 content.
    if (req.method === 'GET' && rest[0] === 'contents' && rest.length >= 2) {
      const file = rest.slice(1).join('/');
      const ref = req.query.get('ref') ?? 'main';
      const sha = git.resolve(ref);
      const content = sha ? git.fileAt(sha, file) : undefined;
      if (!content) return notFoundJson();
      if (/application\/vnd\.github(\.v3)?\.raw/.test(String(req.headers.accept ?? ''))) {
        return { status: 200, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' }, bytes: content };
      }
      return json(200, { type: 'file', encoding: 'base64', size: content.length, name: file.split('/').at(-1), path: file, content: content.toString('base64') });
    }
    if (req.method === 'GET' && rest[0] === 'tarball') {
      const ref = rest.slice(1).join('/') || 'main';
      const sha = git.resolve(ref);
      if (!sha) return notFoundJson();
      return { status: 302, headers: { location: `${this.url}/_codeload/${owner}/${repo}/tar.gz/${sha}` } };
    }
    if (rest[0] === 'git' && rest[1] === 'refs') {
      if (req.method === 'POST' && rest.length === 2) {
        const body = (req.json ?? {}) as { ref?: unknown; sha?: unknown };
        const ref = typeof body.ref === 'string' ? body.ref : '';
        const sha = typeof body.sha === 'string' ? body.sha : '';
        if (!ref.startsWith('refs/') || ref.split('/').length < 3) {
          return json(422, { message: `Reference name must start with 'refs/' and have at least two slashes.`, documentation_url: DOCS, status: '422' });
        }
        if (!ref.startsWith('refs/heads/')) return this.unknown(req);
        if (!git.hasCommit(sha)) return json(422, { message: 'Object does not exist', documentation_url: DOCS, status: '422' });
        const name = ref.slice('refs/heads/'.length);
        if (!git.createBranch(name, sha)) return json(422, { message: 'Reference already exists', documentation_url: DOCS, status: '422' });
        return json(201, refJson(name, sha));
      }
      if (req.method === 'DELETE' && rest[2] === 'heads' && rest.length > 3) {
        const name = rest.slice(3).join('/');
        if (!git.deleteBranch(name)) return json(422, { message: 'Reference does not exist', documentation_url: DOCS, status: '422' });
        return { status: 204, text: '', headers: this.rateHeaders() };
      }
    }
    return undefined;
  }
}

/** The login GitHub shows as the author of what `token` writes. */
export function authorLogin(token: TokenInfo): string {
  if (token.kind === 'workflow') return ACTIONS_BOT;
  if (token.kind === 'app') return `${token.slug ?? 'my-app'}[bot]`;
  return token.login!;
}

/** The App a token writes through, if it is an installation token. */
function appSlug(token: TokenInfo): string | false {
  if (token.kind === 'workflow') return 'github-actions';
  if (token.kind === 'app') return token.slug ?? 'my-app';
  return false;
}

function notFound(): Reply {
  return { status: 404, json: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
}

function invalidBody(json: unknown): unknown {
  const body = (json as { body?: unknown } | undefined)?.body;
  if (typeof body !== 'string' || !body) {
    return { message: 'Invalid request.\n\n"body" wasn\'t supplied.', documentation_url: DOCS, status: '422' };
  }
  // GitHub's current form (older answers had code 'custom', field 'body' and a lower-case message).
  if (body.length > 65_536) {
    return {
      message: 'Validation Failed',
      errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }],
      documentation_url: `${DOCS}/issues/comments#create-an-issue-comment`,
      status: '422',
    };
  }
  return undefined;
}

/** One file of a comparison, as GitHub's `diff-entry` (line counts not modelled: 0). */
function diffEntry(apiBase: string, web: string, head: string, f: { filename: string; status: string; previous_filename?: string }): Record<string, unknown> {
  const file = f.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: '0'.repeat(40),
    additions: 0,
    deletions: 0,
    changes: 0,
    blob_url: `${web}/blob/${head}/${file}`,
    raw_url: `${web}/raw/${head}/${file}`,
    contents_url: `${apiBase}/contents/${file}?ref=${head}`,
    ...f,
  };
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/** A stable fake commit id for a branch. */
function sha(name: string): string {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(5);
}
