/**
 * GitHub's Deployments API (SPEC §12): a deployment per namespace deployment, its statuses, and
 * the earlier deployments of a namespace found again by `task` and marked `inactive`. Loaded
 * only by runs that deploy or delete a namespace.
 */
import type { GitHubClient } from './github.js';
import { path } from './url-path.js';

/** The calls this module makes. */
export type DeploymentsApi = Pick<GitHubClient, 'request'>;

/** A deployment to create. */
export interface NewDeployment {
  owner: string;
  repo: string;
  sha: string;
  task: string;
  environment: string;
  production: boolean;
  payload: Record<string, string>;
  description: string;
}

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive' | 'error';

/** Creates the deployment; its id. Throws what GitHub answered. */
export async function createDeployment(gh: DeploymentsApi, d: NewDeployment): Promise<number> {
  const res = await gh.request<{ id?: number; message?: string }>({
    method: 'POST',
    path: path`/repos/${d.owner}/${d.repo}/deployments`,
    json: {
      ref: d.sha,
      task: d.task,
      environment: d.environment,
      transient_environment: !d.production,
      production_environment: d.production,
      required_contexts: [],
      auto_merge: false,
      payload: d.payload,
      description: d.description,
    },
  });
  if (typeof res.data?.id !== 'number') throw new Error(`GitHub did not create the deployment${res.data?.message ? `: ${res.data.message}` : ''}`);
  return res.data.id;
}

/** Sets a deployment's status. Throws what GitHub answered. */
export async function setDeploymentStatus(
  gh: DeploymentsApi,
  owner: string,
  repo: string,
  id: number,
  status: { state: DeploymentState; environmentUrl?: string; logUrl?: string; description?: string },
): Promise<void> {
  await gh.request({
    method: 'POST',
    path: path`/repos/${owner}/${repo}/deployments/${id}/statuses`,
    json: {
      state: status.state,
      ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
      ...(status.logUrl ? { log_url: status.logUrl } : {}),
      ...(status.description ? { description: status.description.slice(0, 140) } : {}),
      // GitHub marks earlier deployments of a non-transient environment inactive on success itself.
      auto_inactive: false,
    },
    idempotent: true,
  });
}

/** Ids of the namespace's deployments (newest first), of one environment or all. */
export async function deploymentsOf(gh: DeploymentsApi, owner: string, repo: string, task: string, environment?: string): Promise<number[]> {
  const res = await gh.request<{ id?: number }[]>({
    method: 'GET',
    path: path`/repos/${owner}/${repo}/deployments`,
    query: { task, ...(environment ? { environment } : {}), per_page: 100 },
  });
  return (Array.isArray(res.data) ? res.data : []).map(d => d?.id).filter((id): id is number => typeof id === 'number');
}
