import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  followedRepository
} from "./chunk-53ZFXMIA.js";
import {
  confirmGone
} from "./chunk-KM6Q7FHW.js";
import "./chunk-GZKCK2HS.js";
import {
  askFollowedRepository
} from "./chunk-3NFVXP44.js";
import "./chunk-7A62AZVV.js";
import "./chunk-LDTTVLFA.js";
import {
  info
} from "./chunk-ODXX2MND.js";
import "./chunk-6Y63FKN4.js";
import "./chunk-ULGGNWNB.js";

// src/operations/delete-check.ts
async function branchBack(target, run, branch) {
  if (!run.settings.githubToken) {
    info(`No 'github-token': whether '${branch}' was pushed again since its delete event is not checked.`);
    return void 0;
  }
  const { repo, value } = await askFollowedRepository(
    run.event.repo ?? null,
    () => followedRepository(target, run.event),
    run.settings.allowOtherRepository,
    (r) => confirmGone(run, r, [branch])
  );
  const answer = value.get(branch);
  if (!answer || answer.gone) return void 0;
  if (answer.unknown) {
    throw new Error(`The namespace of '${branch}' was not deleted: ${answer.why} in ${repo.owner}/${repo.name}. Run again, or delete it with 'operation: delete'.`);
  }
  const name = target.nameFor(branch);
  const url = target.urlFor?.(name);
  return {
    target: target.name,
    operation: "unchanged",
    why: "branch-exists",
    name,
    ...url ? { url } : {},
    gitBranch: branch,
    results: [],
    notes: [
      `Kept ${name}: git branch '${branch}' exists again in ${repo.owner}/${repo.name} (deleted and pushed again since this delete event), so its namespace belongs to the new branch.`
    ]
  };
}
export {
  branchBack
};
