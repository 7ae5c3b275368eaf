import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  decide
} from "./chunk-PR4REYBJ.js";
import {
  stepVerdict
} from "./chunk-JB2JY66C.js";
import {
  addLabel,
  permissionOf,
  react,
  readPull
} from "./chunk-QXV6URAZ.js";
import "./chunk-BRVOGNQO.js";
import "./chunk-5HPOUJ4U.js";
import "./chunk-7A62AZVV.js";
import "./chunk-AEQUHH6R.js";
import "./chunk-LDTTVLFA.js";
import {
  info,
  warning
} from "./chunk-ODXX2MND.js";
import "./chunk-6Y63FKN4.js";
import "./chunk-A4UGXOXX.js";
import "./chunk-HQS6BK2T.js";
import "./chunk-V3S35252.js";
import {
  summaryOf
} from "./chunk-EI237HEV.js";
import "./chunk-ULGGNWNB.js";

// src/commands/command.ts
var COMMANDS = ["deploy", "preview", "keep", "delete", "help"];
function parseCommand(body, prefix) {
  const first = body.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/, 1)[0].trim();
  const words = first.split(/\s+/);
  if (words[0] !== prefix) return void 0;
  const word = (words[1] ?? "help").toLowerCase();
  return COMMANDS.includes(word) ? { command: word } : { unknown: true };
}
function helpText(settings, unknown) {
  const p = settings.commandPrefix;
  return [
    unknown ? `That is not a command of dj-branch-sync. The commands are:` : `The commands of dj-branch-sync:`,
    "",
    `- \`${p} deploy\`: deploy the pull request's head commit to its DJ namespace now, even if it is deployed`,
    `- \`${p} preview\`: run the merge preview again`,
    `- \`${p} keep\`: add the label \`${settings.keepLabel}\`, so the namespace is kept when the pull request closes`,
    `- \`${p} delete\`: delete the namespace now (the next commit creates it again)`,
    `- \`${p} help\`: this list`,
    "",
    `A command is the first line of a new comment, from someone who may push to this repository.`
  ].join("\n");
}
var skip = (reason, why, branch) => ({
  kind: "skip",
  reason,
  why,
  ...branch ? { branch } : {}
});
async function startCommand(run, comment) {
  const { settings, event } = run;
  const plain = (plan) => ({ plan, event, run, acknowledge: async () => {
  }, acknowledgeOutcome: async () => {
  } });
  if (comment.action !== "created") return plain(skip("not-a-command", `A comment ${comment.action || "changed"}: only new comments carry commands.`));
  if (!comment.onPullRequest) return plain(skip("not-a-command", `A comment on an issue, not a pull request: commands act on pull requests only.`));
  const parsed = parseCommand(comment.body, settings.commandPrefix);
  if (!parsed) return plain(skip("not-a-command", `The comment's first line is not a '${settings.commandPrefix}' command.`));
  const who = comment.login || "someone";
  if (comment.userType === "Bot" || who.endsWith("[bot]")) {
    return plain(skip("not-permitted", `Commands from bots (${who}) are not obeyed: only people who may push to the repository can command.`));
  }
  if (!settings.githubToken || !event.repo || !comment.number) {
    return plain(skip("not-permitted", `A command cannot be obeyed without 'github-token': the commenter's permission cannot be asked.`));
  }
  const repo = event.repo;
  const gh = await run.github();
  const [permission, pull] = await Promise.all([permissionOf(gh, repo, who), readPull(gh, repo, comment.number)]);
  if (permission !== "admin" && permission !== "write") {
    return plain(skip("not-permitted", `${who} may not push to the repository (GitHub reports the permission '${permission}'); only 'admin' and 'write' may command.`));
  }
  const prEvent = pullEvent(event, pull, comment, settings);
  const onPull = { ...run, event: prEvent };
  if (pull.fork) {
    return {
      ...plain(skip("fork", `The pull request comes from a fork: its branch is not in this repository, so there is no namespace to act on.`, pull.headRef)),
      event: prEvent
    };
  }
  const eyes = settings.dryRun ? Promise.resolve() : react(gh, repo, comment.id, "eyes").catch((err) => warnReaction("eyes", err));
  let acknowledged;
  const acknowledge = (failed) => acknowledged ??= (async () => {
    await eyes;
    if (settings.dryRun) return;
    const content = failed ? "confused" : "rocket";
    await react(gh, repo, comment.id, content).catch((err) => warnReaction(content, err));
  })();
  const acknowledgeOutcome = (outcome, ctx) => acknowledge(stepVerdict(outcome, ctx.failOn, summaryOf(ctx.impact)).fails);
  const name = "command" in parsed ? parsed.command : "help";
  info(`Command '${settings.commandPrefix} ${"unknown" in parsed ? "(unknown)" : name}' from ${who} on pull request #${pull.number}.`);
  const planned = await commandPlan(name, "unknown" in parsed, prEvent, pull, settings, gh, repo);
  const shown = planned.kind === "skip" ? void 0 : { text: `${settings.commandPrefix} ${name}`, by: who };
  const refused = planned.kind === "skip" && planned.reason !== "help";
  return {
    plan: planned,
    event: prEvent,
    run: onPull,
    ...shown ? { shown } : {},
    acknowledge: refused ? () => acknowledge(true) : acknowledge,
    acknowledgeOutcome
  };
}
function pullEvent(event, pull, comment, settings) {
  const parsed = parseCommand(comment.body, settings.commandPrefix);
  const word = parsed && "command" in parsed ? parsed.command : "help";
  return {
    ...event.repo ? { repo: event.repo } : {},
    ...event.defaultBranch ? { defaultBranch: event.defaultBranch } : {},
    kind: "pull_request",
    // The command stands for a new head: the preview and the report treat it as `synchronize`.
    action: "synchronize",
    branch: pull.headRef,
    sha: pull.headSha,
    number: pull.number,
    fork: pull.fork,
    merged: pull.merged,
    baseBranch: pull.baseRef,
    baseSha: pull.baseSha,
    labels: pull.labels,
    state: pull.state,
    command: { name: word, by: comment.login, text: `${settings.commandPrefix} ${word}` }
  };
}
async function commandPlan(name, unknown, prEvent, pull, settings, gh, repo) {
  if (name === "help") {
    if (settings.dryRun) info("Dry run: would reply with the list of commands.");
    else await gh.createIssueComment(repo.owner, repo.name, pull.number, helpText(settings, unknown));
    return skip("help", unknown ? "Not a command the action knows: the reply lists the commands." : "The reply lists the commands.", pull.headRef);
  }
  const base = decide(prEvent, { ...settings, deploy: true });
  if (base.kind === "skip") return base;
  if (base.kind !== "ensure" || !base.pr) return base;
  const pr = base.pr;
  const closed = pull.state === "closed";
  switch (name) {
    case "deploy":
    case "preview":
      if (closed) return skip("unsupported-action", `The pull request is closed: '${settings.commandPrefix} ${name}' acts on open pull requests.`, pull.headRef);
      return name === "deploy" ? { ...base, deploy: true, force: true } : { ...base, deploy: false, refresh: true };
    case "keep":
      if (settings.dryRun) info(`Dry run: would add the label '${settings.keepLabel}'.`);
      else if (!pull.labels.includes(settings.keepLabel)) await addLabel(gh, repo, pull.number, settings.keepLabel);
      return { kind: "keep", branch: base.branch, pr, byLabel: settings.keepLabel };
    case "delete":
      return { kind: "remove", branch: base.branch, deleteGitBranch: false, pr };
  }
}
function warnReaction(content, err) {
  warning(`Could not react '${content}' to the command comment: ${err instanceof Error ? err.message : String(err)}`);
}
export {
  COMMANDS,
  helpText,
  parseCommand,
  startCommand
};
