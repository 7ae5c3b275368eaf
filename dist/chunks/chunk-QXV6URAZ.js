import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  labelsOf
} from "./chunk-BRVOGNQO.js";
import {
  githubAnswer
} from "./chunk-5HPOUJ4U.js";
import {
  path
} from "./chunk-A4UGXOXX.js";
import {
  array,
  boolean,
  integer,
  minValue,
  nullish,
  number,
  object,
  optional,
  pipe,
  string
} from "./chunk-V3S35252.js";

// src/commands/github-answers.ts
var label = object({ name: optional(string(), "") });
var repoRef = nullish(object({ full_name: optional(string(), "") }), null);
var pullRequestAnswer = object({
  number: pipe(number(), integer(), minValue(1)),
  state: string(),
  merged: nullish(boolean(), false),
  labels: nullish(array(label), []),
  head: object({ ref: string(), sha: string(), repo: repoRef }),
  base: object({ ref: string(), sha: string(), repo: repoRef })
});
var permissionAnswer = object({ permission: string() });
function pullFacts(raw, repo) {
  const ours = `${repo.owner}/${repo.name}`.toLowerCase();
  const headRepo = raw.head.repo?.full_name ?? "";
  return {
    number: raw.number,
    state: raw.state === "closed" ? "closed" : "open",
    merged: raw.merged,
    labels: labelsOf(raw.labels),
    headRef: raw.head.ref,
    headSha: raw.head.sha,
    baseRef: raw.base.ref,
    baseSha: raw.base.sha,
    // A deleted fork shows as a null head repository.
    fork: !raw.head.repo || headRepo.toLowerCase() !== ours
  };
}
async function readPull(gh, repo, n) {
  const where = path`/repos/${repo.owner}/${repo.name}/pulls/${n}`;
  const res = await gh.request({ method: "GET", path: where });
  return pullFacts(githubAnswer(pullRequestAnswer, res.data, `GET ${where}`), repo);
}
async function pullsOfBranch(gh, repo, branch) {
  const where = path`/repos/${repo.owner}/${repo.name}/pulls`;
  const res = await gh.request({ method: "GET", path: where, query: { head: `${repo.owner}:${branch}`, state: "all", per_page: 10 } });
  const list = githubAnswer(array(pullRequestAnswer), res.data, `GET ${where}`);
  return list.map((p) => pullFacts(p, repo));
}
async function permissionOf(gh, repo, login) {
  const where = path`/repos/${repo.owner}/${repo.name}/collaborators/${login}/permission`;
  const res = await gh.request({ method: "GET", path: where, accept: [404] });
  if (res.status === 404) return "none";
  return githubAnswer(permissionAnswer, res.data, `GET ${where}`).permission;
}
async function react(gh, repo, commentId, content) {
  await gh.request({ method: "POST", path: path`/repos/${repo.owner}/${repo.name}/issues/comments/${commentId}/reactions`, json: { content } });
}
async function addLabel(gh, repo, n, name) {
  await gh.request({ method: "POST", path: path`/repos/${repo.owner}/${repo.name}/issues/${n}/labels`, json: { labels: [name] } });
}

export {
  readPull,
  pullsOfBranch,
  permissionOf,
  react,
  addLabel
};
