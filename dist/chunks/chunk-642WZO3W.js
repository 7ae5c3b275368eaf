import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  RefusedError
} from "./chunk-TUJZE6O5.js";

// src/repository.ts
function repoText(repo) {
  return `${repo.owner}/${repo.name}`;
}
function parseRepoPath(value) {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec((value ?? "").trim());
  return m ? { owner: m[1], name: m[2].replace(/\.git$/i, "") } : void 0;
}
function sameRepo(a, b) {
  return a.owner.toLowerCase() === b.owner.toLowerCase() && a.name.toLowerCase() === b.name.toLowerCase();
}
function checkRepository(check) {
  const followed = parseRepoPath(check.repoPath);
  if (!followed) {
    throw new RefusedError(
      `DJ git root '${check.root}' has github_repo_path ${JSON.stringify(check.repoPath ?? null)}, which is not an 'owner/repository' name, so the action cannot tell which repository's branches it follows. Set github_repo_path on the root in DJ.`
    );
  }
  if (check.event && sameRepo(followed, check.event)) return followed;
  if (check.allowOther) return followed;
  const from = check.event ? `this run is for ${repoText(check.event)}` : "the repository of this run is unknown (no repository in the event payload, no GITHUB_REPOSITORY)";
  throw new RefusedError(
    `DJ git root '${check.root}' follows repository ${repoText(followed)}, but ${from}. The action acts only on the branches of the root's repository. To run it from another repository on purpose (e.g. a scheduled prune from an ops repository), set 'allow-other-repository: true' and a 'github-token' that can read ${repoText(followed)}.`
  );
}
async function askFollowedRepository(event, followed, allowOther, ask) {
  if (allowOther || !event) {
    const repo2 = await followed();
    return { repo: repo2, value: await ask(repo2) };
  }
  const early = ask(event).then(
    (value) => ({ value }),
    (error) => ({ error })
  );
  const repo = await followed();
  const answer = await early;
  if (!sameRepo(repo, event)) return { repo, value: await ask(repo) };
  if ("error" in answer) throw answer.error;
  return { repo, value: answer.value };
}

export {
  repoText,
  checkRepository,
  askFollowedRepository
};
