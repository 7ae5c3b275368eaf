import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  InputError
} from "./chunk-TUJZE6O5.js";

// src/naming.ts
var SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$/;
var RESERVED = /* @__PURE__ */ new Set(["user"]);
function djSuffix(branch) {
  return branch.trim().replace(/-/g, "_").replace(/\//g, "_");
}
function segmentProblem(suffix, branch) {
  if (!suffix) return "the name is empty";
  if (branch !== branch.trim()) return "it starts or ends with whitespace, so it would share the namespace of the branch without it";
  if (suffix.includes(".")) return "it contains a dot, which would add namespace levels";
  if (/^[0-9]/.test(suffix)) return "it starts with a digit";
  if (suffix.startsWith("_")) return "it starts with '-', '/' or '_'";
  if (RESERVED.has(suffix)) return `'${suffix}' is reserved by DJ`;
  const bad = [...new Set(suffix.replace(/[A-Za-z0-9_]/g, ""))];
  if (bad.length) return `it contains ${bad.map((c) => /\s/.test(c) ? "whitespace" : `'${c}'`).join(", ")}`;
  return SEGMENT.test(suffix) ? void 0 : "it is not a valid DJ namespace segment";
}
function namespaceForBranch(root, branch) {
  const suffix = djSuffix(branch);
  const namespace = `${root}.${suffix}`;
  const problem = segmentProblem(suffix, branch);
  if (problem) {
    throw new InputError(
      `Git branch '${branch}' maps to DJ namespace '${namespace}', which is not a valid namespace: ${problem}. A branch's last namespace segment must start with a letter and hold only letters, digits and '_' (git '-' and '/' become '_'). Rename the branch, or skip it with 'ignore-branches'.`
    );
  }
  return namespace;
}
function globToRegExp(glob) {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      source += "[\\s\\S]*";
      i++;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
function branchMatchesGlobs(branch, globs) {
  return globs.some((glob) => {
    const g = glob.trim();
    return g !== "" && globToRegExp(g).test(branch);
  });
}

export {
  djSuffix,
  namespaceForBranch,
  branchMatchesGlobs
};
