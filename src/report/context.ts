/**
 * The run facts every report shows (links to the run and the repository, the decision line),
 * read from the runner's environment.
 */
import type { BranchEvent } from '../event.js';
import type { Plan } from '../plan.js';
import type { Settings } from '../settings.js';
import type { ReportContext } from './markdown.js';

type Env = NodeJS.ProcessEnv;

export function runUrl(env: Env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

function repoUrl(env: Env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = env;
  return server && repo ? `${server}/${repo}` : undefined;
}

/** The context before anything is known but the environment; the run fills in the rest. */
export function reportContext(env: Env, now = new Date()): ReportContext {
  return { eventName: env.GITHUB_EVENT_NAME ?? '', runUrl: runUrl(env), repoUrl: repoUrl(env), dryRun: false, failOn: 'failed', now };
}

function describeEvent(event: BranchEvent): string {
  switch (event.kind) {
    case 'pull_request':
      return event.command ? `issue_comment (${event.command.text}) #${event.number}` : `pull_request (${event.action}) #${event.number}`;
    case 'other':
      return event.name || '(none)';
    default:
      return `${event.kind} (${event.refType})`;
  }
}

/** The first line of the log and of the report's details: what came in and what the run will do. */
export function decisionLine(event: BranchEvent, settings: Settings, plan: Plan, branch: string | undefined, name: string | undefined): string {
  const what = settings.target === 'dj' ? 'namespace' : 'name';
  const why = plan.kind === 'skip' ? ` (${plan.reason})` : '';
  return `event ${describeEvent(event)} · branch ${branch ?? '—'} · ${what} ${name ?? '—'} · plan ${plan.kind}${why}${settings.dryRun ? ' · dry-run' : ''}`;
}
