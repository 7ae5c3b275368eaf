import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  require_fs
} from "./chunk-ODXX2MND.js";
import {
  __toESM
} from "./chunk-ULGGNWNB.js";

// src/event.ts
var import_node_fs = __toESM(require_fs(), 1);
var obj = (v) => v && typeof v === "object" ? v : {};
var str = (v) => typeof v === "string" ? v : "";
function repoOf(payload, env) {
  const full = str(obj(payload.repository).full_name) || env.GITHUB_REPOSITORY || "";
  const [owner, name] = full.split("/");
  return owner && name ? { owner, name } : void 0;
}
function splitRef(ref) {
  if (ref.startsWith("refs/heads/") && ref.length > "refs/heads/".length) return { refType: "branch", name: ref.slice("refs/heads/".length) };
  if (ref.startsWith("refs/tags/") && ref.length > "refs/tags/".length) return { refType: "tag", name: ref.slice("refs/tags/".length) };
  return void 0;
}
function labelsOf(labels) {
  return Array.isArray(labels) ? labels.map((l) => str(obj(l).name)).filter(Boolean) : [];
}
function toBranchEvent(eventName, payload, env = {}) {
  const base = {
    repo: repoOf(payload, env),
    defaultBranch: str(obj(payload.repository).default_branch) || void 0
  };
  switch (eventName) {
    case "create":
    case "delete":
      if (payload.ref_type !== "branch" && payload.ref_type !== "tag") return { ...base, kind: "other", name: eventName };
      return { ...base, kind: eventName, refType: payload.ref_type, branch: str(payload.ref) };
    case "push": {
      const ref = splitRef(str(payload.ref));
      if (!ref) return { ...base, kind: "other", name: eventName };
      const { refType, name } = ref;
      const after = str(payload.after);
      const before = str(payload.before);
      return {
        ...base,
        kind: "push",
        refType,
        branch: name,
        sha: after && !/^0+$/.test(after) ? after : void 0,
        deleted: payload.deleted === true,
        ...before && !/^0+$/.test(before) ? { before } : {}
      };
    }
    case "pull_request":
    case "pull_request_target": {
      const pr = obj(payload.pull_request);
      const head = obj(pr.head);
      const baseRef = obj(pr.base);
      const headRepo = head.repo === null ? null : obj(head.repo);
      const baseRepo = obj(baseRef.repo);
      const headFull = headRepo ? str(headRepo.full_name) : "";
      const baseFull = str(baseRepo.full_name) || (base.repo ? `${base.repo.owner}/${base.repo.name}` : "");
      return {
        ...base,
        kind: "pull_request",
        action: str(payload.action),
        branch: str(head.ref),
        sha: str(head.sha) || void 0,
        ...str(payload.before) ? { before: str(payload.before) } : {},
        number: Number(payload.number ?? pr.number) || 0,
        fork: headRepo === null || headFull !== "" && baseFull !== "" && headFull.toLowerCase() !== baseFull.toLowerCase(),
        merged: pr.merged === true,
        baseBranch: str(baseRef.ref),
        ...str(baseRef.sha) ? { baseSha: str(baseRef.sha) } : {},
        labels: labelsOf(pr.labels),
        ...str(obj(payload.label).name) ? { label: str(obj(payload.label).name) } : {},
        ...pr.state === "open" || pr.state === "closed" ? { state: pr.state } : {}
      };
    }
    case "issue_comment": {
      const issue = obj(payload.issue);
      const comment = obj(payload.comment);
      const user = obj(comment.user);
      return {
        ...base,
        kind: "other",
        name: eventName,
        comment: {
          action: str(payload.action),
          number: Number(issue.number) || 0,
          onPullRequest: Boolean(issue.pull_request && typeof issue.pull_request === "object"),
          id: Number(comment.id) || 0,
          body: str(comment.body),
          login: str(user.login),
          userType: str(user.type)
        }
      };
    }
    default: {
      const ref = splitRef(env.GITHUB_REF ?? "");
      return { ...base, kind: "other", name: eventName, branch: ref?.refType === "branch" ? ref.name : void 0 };
    }
  }
}
function readEvent(env = process.env) {
  const name = env.GITHUB_EVENT_NAME ?? "";
  let payload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = obj(JSON.parse((0, import_node_fs.readFileSync)(env.GITHUB_EVENT_PATH, "utf8")));
    } catch (err) {
      throw new Error(`Could not read the event payload at GITHUB_EVENT_PATH: ${err.message}`, { cause: err });
    }
  }
  return toBranchEvent(name, payload, env);
}

export {
  splitRef,
  labelsOf,
  readEvent
};
