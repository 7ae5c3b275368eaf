/**
 * The shapes of DJ's answers (reference dj-api.md), as the DJ client accepts them. Typed
 * against the client's interfaces, so a schema and its interface cannot drift apart. Fields
 * the action does not read are dropped here.
 */
import * as v from 'valibot';
import { count, name, nullableString, stringOrEmpty } from '../../schema.js';
import type {
  BranchInfo,
  CreateBranchResult,
  DeleteBranchResult,
  DeploymentInfo,
  DeploymentSource,
  DJDeploymentResult,
  DJError,
  DJUser,
  NamespaceGitConfig,
  NamespaceNode,
} from './client.js';
import type { DeploymentSpecLike, DownstreamImpact, ImpactResult } from './preview.js';
import type { ImpactDeployment } from './merge-preview.js';

/**
 * `GET/PATCH /namespaces/{ns}/git`. The four fields that decide what a namespace is must be
 * present (null is an answer, absence is not): an empty object must never read as "unlinked".
 */
export const namespaceGitConfig: v.GenericSchema<unknown, NamespaceGitConfig> = v.object({
  github_repo_path: v.nullable(v.string()),
  git_branch: v.nullable(v.string()),
  git_path: nullableString,
  default_branch: v.nullable(v.string()),
  parent_namespace: v.nullable(v.string()),
  git_only: v.nullish(v.boolean(), null),
  branch_namespace: nullableString,
  git_root_namespace: nullableString,
});

/** One row of `GET /namespaces/{ns}/branches`. */
export const branchInfo: v.GenericSchema<unknown, BranchInfo> = v.object({
  namespace: name,
  git_branch: stringOrEmpty,
  parent_namespace: stringOrEmpty,
  github_repo_path: stringOrEmpty,
  num_nodes: count,
  invalid_node_count: count,
  git_only: v.nullish(v.boolean(), false),
  last_updated_at: nullableString,
});

export const branchInfoList = v.array(branchInfo);

/** One entry of a DJ error list. */
export const djError: v.GenericSchema<unknown, DJError> = v.object({
  code: nullableString,
  message: stringOrEmpty,
  context: v.optional(v.string()),
});

/** One deployment result. `status` is any string: a status DJ adds later is reported under its own name. */
export const deploymentResult: v.GenericSchema<unknown, DJDeploymentResult> = v.object({
  name: name,
  deploy_type: stringOrEmpty,
  status: name,
  operation: stringOrEmpty,
  message: stringOrEmpty,
  changed_fields: v.optional(v.array(v.string())),
});

const deploymentSource: v.GenericSchema<unknown, DeploymentSource> = v.object({
  type: stringOrEmpty,
  repository: nullableString,
  branch: nullableString,
  commit_sha: nullableString,
  commit_author_email: nullableString,
  commit_author_name: nullableString,
  ci_system: nullableString,
  ci_run_url: nullableString,
});

/** `POST /namespaces/{ns}/sync-from-git`. */
export const deploymentInfo: v.GenericSchema<unknown, DeploymentInfo> = v.object({
  uuid: stringOrEmpty,
  namespace: stringOrEmpty,
  status: stringOrEmpty,
  results: v.array(deploymentResult),
  warnings: v.optional(v.array(djError)),
  created_at: nullableString,
  created_by: nullableString,
  source: v.nullish(deploymentSource, null),
});

/** `POST /namespaces/{ns}/branches` (201). */
export const createBranchResult: v.GenericSchema<unknown, CreateBranchResult> = v.object({
  branch: v.object({
    namespace: name,
    git_branch: stringOrEmpty,
    parent_namespace: stringOrEmpty,
    github_repo_path: stringOrEmpty,
    num_nodes: v.nullish(count, 0),
    invalid_node_count: v.nullish(count, 0),
    git_only: v.nullish(v.boolean(), false),
    last_updated_at: nullableString,
  }),
  deployment_results: v.array(deploymentResult),
});

/** `DELETE /namespaces/{ns}/branches/{branch_ns}`. */
export const deleteBranchResult: v.GenericSchema<unknown, DeleteBranchResult> = v.object({
  message: stringOrEmpty,
  nodes_deleted: count,
  git_branch_deleted: v.boolean(),
  materialization_failures: v.optional(v.array(v.string())),
});

/** `GET /namespaces/{ns}/`: only the names are read. */
export const namespaceNodes: v.GenericSchema<unknown, NamespaceNode[]> = v.array(v.object({ name: name }));

/** `GET /whoami/`. */
export const djUser: v.GenericSchema<unknown, DJUser> = v.object({
  id: v.number(),
  username: name,
  email: nullableString,
  name: nullableString,
  oauth_provider: stringOrEmpty,
  is_admin: v.nullish(v.boolean(), false),
});

/** `POST /service-accounts/token`. */
export const serviceToken = v.object({ token: name });

/**
 * `GET /namespaces/{ns}/export/spec`: sent back to DJ as the preview's spec, so every field the
 * server wrote passes unchanged (loose objects); only `namespace` and each node's `name` are read.
 */
export const deploymentSpec: v.GenericSchema<unknown, DeploymentSpecLike> = v.looseObject({
  namespace: name,
  nodes: v.array(v.looseObject({ name: name })),
});

/** One row of `results` in an impact answer. */
const impactResult: v.GenericSchema<unknown, ImpactResult> = v.object({
  name: name,
  deploy_type: v.optional(v.string()),
  status: name,
  operation: stringOrEmpty,
  message: stringOrEmpty,
});

const strings = v.nullish(v.array(v.string()), []);

/** One entry of `downstream_impacts` (`DownstreamImpact`); a value DJ adds later reads as itself. */
const downstreamImpact: v.GenericSchema<unknown, DownstreamImpact> = v.object({
  name: name,
  node_type: stringOrEmpty,
  current_status: stringOrEmpty,
  predicted_status: stringOrEmpty,
  impact_type: stringOrEmpty,
  impact_reason: stringOrEmpty,
  depth: v.nullish(count, 0),
  caused_by: strings,
  is_external: v.nullish(v.boolean(), false),
  owners: strings,
});

/** `POST /deployments/impact` and `GET /deployments/{uuid}`. */
export const impactDeployment: v.GenericSchema<unknown, ImpactDeployment> = v.object({
  uuid: name,
  status: name,
  results: v.nullish(v.array(impactResult), []),
  downstream_impacts: v.nullish(v.array(downstreamImpact), []),
});
