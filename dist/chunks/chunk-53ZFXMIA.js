import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  namespaceForBranch
} from "./chunk-7A62AZVV.js";
import {
  InputError
} from "./chunk-LDTTVLFA.js";
import {
  warning
} from "./chunk-ODXX2MND.js";

// src/run-context.ts
function runContext(settings, event, env) {
  let client;
  return {
    settings,
    event,
    env,
    github: () => client ??= makeGitHub(settings, env)
  };
}
async function makeGitHub(settings, env) {
  const { GitHubClient } = await import("./github-lazy-EFWMKOSL.js");
  if (!settings.githubToken) throw new InputError(`Input 'github-token' is empty; it is needed for the pull-request comment, branch look-ups and prune.`);
  return new GitHubClient({
    baseUrl: env.GITHUB_API_URL || "https://api.github.com",
    token: settings.githubToken,
    timeoutMs: Math.min(settings.timeoutMs, 6e4),
    retries: settings.retries,
    onRetry: logRetry
  });
}
function logRetry(info) {
  warning(`${info.method} ${info.path}: ${info.reason}; retry ${info.attempt}/${info.of} in ${(info.delayMs / 1e3).toFixed(1)} s`);
}
function requireRepo(event) {
  if (!event.repo) throw new InputError("The repository is unknown: the event payload has no repository and GITHUB_REPOSITORY is not set.");
  return event.repo;
}
function followedRepository(target, event) {
  return target.repository ? target.repository() : Promise.resolve(requireRepo(event));
}
function targetNameOf(settings, branch) {
  if (!branch) return void 0;
  if (settings.target !== "dj" || !settings.dj) return branch;
  try {
    return namespaceForBranch(settings.dj.namespace, branch);
  } catch {
    return void 0;
  }
}

export {
  runContext,
  logRetry,
  requireRepo,
  followedRepository,
  targetNameOf
};
