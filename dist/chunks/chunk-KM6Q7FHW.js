import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  mapPool
} from "./chunk-GZKCK2HS.js";

// src/operations/gone.ts
var CONFIRM_CONCURRENCY = 8;
async function confirmGone(run, repo, branches) {
  const gh = await run.github();
  const unique = [...new Set(branches)];
  const answers = await mapPool(unique, CONFIRM_CONCURRENCY, async (branch) => {
    try {
      return await gh.branchExists(repo.owner, repo.name, branch) ? { gone: false, why: "git branch exists (asked by name)" } : { gone: true };
    } catch (err) {
      return { gone: false, unknown: true, why: `whether the git branch is gone could not be told (${err.message})` };
    }
  });
  return new Map(unique.map((b, i) => [b, answers[i]]));
}

export {
  CONFIRM_CONCURRENCY,
  confirmGone
};
