/**
 * Comment commands (SPEC §13): an `issue_comment` whose first line is `<command-prefix>
 * <command>` becomes the plan of a pull-request run. Loaded only on `issue_comment` runs.
 *
 * Who is obeyed is decided before anything is sent anywhere else: the commenter's permission
 * (`GET …/collaborators/{user}/permission`: `admin` or `write`; GitHub reports `maintain` as
 * `write`) is asked beside the pull request's own look-up (head branch and commit, fork or not,
 * open or closed, labels: the payload has none of them), so a command adds one round trip to the
 * run it starts. `author_association` is not trusted. The comment's text goes nowhere but into
 * the parser: replies, reports and log lines name the command word the action knows, never what
 * the comment said.
 *
 * Hook for check runs (SPEC §12): a `deploy` command becomes an `ensure` plan with `deploy` and
 * `force`, carried out exactly as a pull request's `synchronize`; whatever writes a check run for
 * that path writes it for the command too.
 */
import type { BranchEvent, CommentFacts, Repo } from '../event.js';
import { decide, type Plan } from '../plan.js';
import type { Settings } from '../settings.js';
import type { RunContext } from '../run-context.js';
import type { GitHubClient } from '../github.js';
import * as runner from '../runner.js';
import { addLabel, permissionOf, react, readPull, type PullFacts } from './github-answers.js';
import type { Outcome } from '../outcome.js';
import type { ReportContext } from '../report/markdown.js';
import { stepVerdict } from '../verdict.js';
import { summaryOf } from '../targets/dj/impact.js';

/** The commands, in the order the help lists them. */
export const COMMANDS = ['deploy', 'preview', 'keep', 'delete', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** What the first line of a comment asks, if it is a command. */
export type Parsed = { command: CommandName } | { unknown: true } | undefined;

/**
 * The command on the first line of `body`: `<prefix> <word>` (the prefix alone asks for help);
 * undefined when the first line does not start with the prefix as a word of its own.
 */
export function parseCommand(body: string, prefix: string): Parsed {
  const first = body
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/, 1)[0]!
    .trim();
  const words = first.split(/\s+/);
  if (words[0] !== prefix) return undefined;
  const word = (words[1] ?? 'help').toLowerCase();
  return (COMMANDS as readonly string[]).includes(word) ? { command: word as CommandName } : { unknown: true };
}

/** The reply to `help` and to an unknown command. */
export function helpText(settings: Settings, unknown: boolean): string {
  const p = settings.commandPrefix;
  return [
    unknown ? `That is not a command of dj-branch-sync. The commands are:` : `The commands of dj-branch-sync:`,
    '',
    `- \`${p} deploy\`: deploy the pull request's head commit to its DJ namespace now, even if it is deployed`,
    `- \`${p} preview\`: run the merge preview again`,
    `- \`${p} keep\`: add the label \`${settings.keepLabel}\`, so the namespace is kept when the pull request closes`,
    `- \`${p} delete\`: delete the namespace now (the next commit creates it again)`,
    `- \`${p} help\`: this list`,
    '',
    `A command is the first line of a new comment, from someone who may push to this repository.`,
  ].join('\n');
}

/** A command run, once its plan is known: the plan, the event and context it runs with, and its acknowledgement. */
export interface CommandRun {
  plan: Plan;
  /** The pull request as an event (for the report, the preview, the comment), or the comment event for skips. */
  event: BranchEvent;
  run: RunContext;
  /** For the sticky comment: the command and who gave it. */
  shown?: { text: string; by: string };
  /** Reacts `rocket` (done) or `confused` (failed) once `eyes` is there; the first call counts; never rejects. */
  acknowledge(failed: boolean): Promise<void>;
  /** The same, from an outcome (failed when its verdict fails the step): sent beside the comment, not after it. */
  acknowledgeOutcome(outcome: Outcome, ctx: ReportContext): Promise<void>;
}

const skip = (reason: 'not-a-command' | 'not-permitted' | 'fork' | 'help' | 'unsupported-action', why: string, branch?: string): Plan => ({
  kind: 'skip',
  reason,
  why,
  ...(branch ? { branch } : {}),
});

/**
 * Turns an `issue_comment` into a plan. `run` is the run's context for the comment event (its
 * GitHub client is the run's one client).
 */
export async function startCommand(run: RunContext, comment: CommentFacts): Promise<CommandRun> {
  const { settings, event } = run;
  const plain = (plan: Plan): CommandRun => ({ plan, event, run, acknowledge: async () => {}, acknowledgeOutcome: async () => {} });
  if (comment.action !== 'created') return plain(skip('not-a-command', `A comment ${comment.action || 'changed'}: only new comments carry commands.`));
  if (!comment.onPullRequest) return plain(skip('not-a-command', `A comment on an issue, not a pull request: commands act on pull requests only.`));
  const parsed = parseCommand(comment.body, settings.commandPrefix);
  if (!parsed) return plain(skip('not-a-command', `The comment's first line is not a '${settings.commandPrefix}' command.`));
  const who = comment.login || 'someone';
  if (comment.userType === 'Bot' || who.endsWith('[bot]')) {
    return plain(skip('not-permitted', `Commands from bots (${who}) are not obeyed: only people who may push to the repository can command.`));
  }
  if (!settings.githubToken || !event.repo || !comment.number) {
    return plain(skip('not-permitted', `A command cannot be obeyed without 'github-token': the commenter's permission cannot be asked.`));
  }
  const repo = event.repo;
  const gh = await run.github();
  // The one round trip a command adds: the permission and the pull request, together.
  const [permission, pull] = await Promise.all([permissionOf(gh, repo, who), readPull(gh, repo, comment.number)]);
  if (permission !== 'admin' && permission !== 'write') {
    return plain(skip('not-permitted', `${who} may not push to the repository (GitHub reports the permission '${permission}'); only 'admin' and 'write' may command.`));
  }
  const prEvent = pullEvent(event, pull, comment, settings);
  const onPull = { ...run, event: prEvent };
  if (pull.fork) {
    return {
      ...plain(skip('fork', `The pull request comes from a fork: its branch is not in this repository, so there is no namespace to act on.`, pull.headRef)),
      event: prEvent,
    };
  }
  // A dry run changes nothing in GitHub either: no reactions, no label, no reply.
  const eyes = settings.dryRun ? Promise.resolve() : react(gh, repo, comment.id, 'eyes').catch((err: unknown) => warnReaction('eyes', err));
  let acknowledged: Promise<void> | undefined;
  const acknowledge = (failed: boolean): Promise<void> =>
    (acknowledged ??= (async () => {
      await eyes;
      if (settings.dryRun) return;
      const content = failed ? 'confused' : 'rocket';
      await react(gh, repo, comment.id, content).catch((err: unknown) => warnReaction(content, err));
    })());
  const acknowledgeOutcome = (outcome: Outcome, ctx: ReportContext): Promise<void> => acknowledge(stepVerdict(outcome, ctx.failOn, summaryOf(ctx.impact)).fails);
  const name = 'command' in parsed ? parsed.command : 'help';
  runner.info(`Command '${settings.commandPrefix} ${'unknown' in parsed ? '(unknown)' : name}' from ${who} on pull request #${pull.number}.`);
  const planned = await commandPlan(name, 'unknown' in parsed, prEvent, pull, settings, gh, repo);
  const shown = planned.kind === 'skip' ? undefined : { text: `${settings.commandPrefix} ${name}`, by: who };
  // A command that cannot be carried out here (a closed pull request, the default or an ignored branch) is not done: confused.
  const refused = planned.kind === 'skip' && planned.reason !== 'help';
  return {
    plan: planned,
    event: prEvent,
    run: onPull,
    ...(shown ? { shown } : {}),
    acknowledge: refused ? () => acknowledge(true) : acknowledge,
    acknowledgeOutcome,
  };
}

/** The pull request read from GitHub as a pull-request event carrying the command. */
function pullEvent(event: BranchEvent, pull: PullFacts, comment: CommentFacts, settings: Settings): Extract<BranchEvent, { kind: 'pull_request' }> {
  const parsed = parseCommand(comment.body, settings.commandPrefix);
  const word = parsed && 'command' in parsed ? parsed.command : 'help';
  return {
    ...(event.repo ? { repo: event.repo } : {}),
    ...(event.defaultBranch ? { defaultBranch: event.defaultBranch } : {}),
    kind: 'pull_request',
    // The command stands for a new head: the preview and the report treat it as `synchronize`.
    action: 'synchronize',
    branch: pull.headRef,
    sha: pull.headSha,
    number: pull.number,
    fork: pull.fork,
    merged: pull.merged,
    baseBranch: pull.baseRef,
    baseSha: pull.baseSha,
    labels: pull.labels,
    state: pull.state,
    command: { name: word, by: comment.login, text: `${settings.commandPrefix} ${word}` },
  };
}

async function commandPlan(
  name: CommandName,
  unknown: boolean,
  prEvent: Extract<BranchEvent, { kind: 'pull_request' }>,
  pull: PullFacts,
  settings: Settings,
  gh: GitHubClient,
  repo: Repo,
): Promise<Plan> {
  if (name === 'help') {
    if (settings.dryRun) runner.info('Dry run: would reply with the list of commands.');
    else await gh.createIssueComment(repo.owner, repo.name, pull.number, helpText(settings, unknown));
    return skip('help', unknown ? 'Not a command the action knows: the reply lists the commands.' : 'The reply lists the commands.', pull.headRef);
  }
  // The guards of every pull-request run (default branch, ignored branch), as for `synchronize`.
  const base = decide(prEvent, { ...settings, deploy: true });
  if (base.kind === 'skip') return base;
  if (base.kind !== 'ensure' || !base.pr) return base;
  const pr = base.pr;
  const closed = pull.state === 'closed';
  switch (name) {
    case 'deploy':
    case 'preview':
      if (closed) return skip('unsupported-action', `The pull request is closed: '${settings.commandPrefix} ${name}' acts on open pull requests.`, pull.headRef);
      return name === 'deploy' ? { ...base, deploy: true, force: true } : { ...base, deploy: false, refresh: true };
    case 'keep':
      if (settings.dryRun) runner.info(`Dry run: would add the label '${settings.keepLabel}'.`);
      else if (!pull.labels.includes(settings.keepLabel)) await addLabel(gh, repo, pull.number, settings.keepLabel);
      return { kind: 'keep', branch: base.branch, pr, byLabel: settings.keepLabel };
    case 'delete':
      return { kind: 'remove', branch: base.branch, deleteGitBranch: false, pr };
  }
}

function warnReaction(content: string, err: unknown): void {
  runner.warning(`Could not react '${content}' to the command comment: ${err instanceof Error ? err.message : String(err)}`);
}
