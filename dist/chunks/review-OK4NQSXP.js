import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  array,
  looseObject,
  nullable,
  optional,
  string,
  unknown
} from "./chunk-V3S35252.js";
import {
  newlyInvalid
} from "./chunk-EI237HEV.js";
import "./chunk-ULGGNWNB.js";

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    if (typeof options === "function") {
      callback = options;
      options = {};
    } else if ("callback" in options) {
      callback = options.callback;
    }
    const oldString = this.castInput(oldStr, options);
    const newString = this.castInput(newStr, options);
    const oldTokens = this.removeEmpty(this.tokenize(oldString, options));
    const newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    const done = (value) => {
      value = this.postProcess(value, options);
      if (callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return void 0;
      } else {
        return value;
      }
    };
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let editLength = 1;
    let maxEditLength = newLen + oldLen;
    if (options.maxEditLength != null) {
      maxEditLength = Math.min(maxEditLength, options.maxEditLength);
    }
    const maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : Infinity;
    const abortAfterTimestamp = Date.now() + maxExecutionTime;
    const bestPath = [{ oldPos: -1, lastComponent: void 0 }];
    let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    }
    let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
    const execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath;
        const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        if (removePath) {
          bestPath[diagonalPath - 1] = void 0;
        }
        let canAdd = false;
        if (addPath) {
          const addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        const canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos) {
          basePath = this.addToPath(addPath, true, false, 0, options);
        } else {
          basePath = this.addToPath(removePath, false, true, 1, options);
        }
        newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options);
        if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
        } else {
          bestPath[diagonalPath] = basePath;
          if (basePath.oldPos + 1 >= oldLen) {
            maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
          }
          if (newPos + 1 >= newLen) {
            minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
          }
        }
      }
      editLength++;
    };
    if (callback) {
      (function exec() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
            return callback(void 0);
          }
          if (!execEditLength()) {
            exec();
          }
        }, 0);
      })();
    } else {
      while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
        const ret = execEditLength();
        if (ret) {
          return ret;
        }
      }
    }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    const last = path.lastComponent;
    if (last && !options.oneChangePerToken && last.added === added && last.removed === removed) {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
      };
    } else {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: 1, added, removed, previousComponent: last }
      };
    }
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options)) {
      newPos++;
      oldPos++;
      commonCount++;
      if (options.oneChangePerToken) {
        basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
      }
    }
    if (commonCount && !options.oneChangePerToken) {
      basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
    }
    basePath.oldPos = oldPos;
    return newPos;
  }
  equals(left, right, options) {
    if (options.comparator) {
      return options.comparator(left, right);
    } else {
      return left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
    }
  }
  removeEmpty(array2) {
    const ret = [];
    for (let i = 0; i < array2.length; i++) {
      if (array2[i]) {
        ret.push(array2[i]);
      }
    }
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return false;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    const components = [];
    let nextComponent;
    while (lastComponent) {
      components.push(lastComponent);
      nextComponent = lastComponent.previousComponent;
      delete lastComponent.previousComponent;
      lastComponent = nextComponent;
    }
    components.reverse();
    const componentLen = components.length;
    let componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      const component = components[componentPos];
      if (!component.removed) {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            const oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          });
          component.value = this.join(value);
        } else {
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        }
        newPos += component.count;
        if (!component.added) {
          oldPos += component.count;
        }
      } else {
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
        oldPos += component.count;
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments);
    this.tokenize = tokenize;
  }
  equals(left, right, options) {
    if (options.ignoreWhitespace) {
      if (!options.newlineIsToken || !left.includes("\n")) {
        left = left.trim();
      }
      if (!options.newlineIsToken || !right.includes("\n")) {
        right = right.trim();
      }
    } else if (options.ignoreNewlineAtEof && !options.newlineIsToken) {
      if (left.endsWith("\n")) {
        left = left.slice(0, -1);
      }
      if (right.endsWith("\n")) {
        right = right.slice(0, -1);
      }
    }
    return super.equals(left, right, options);
  }
};
var lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
  return lineDiff.diff(oldStr, newStr, options);
}
function tokenize(value, options) {
  if (options.stripTrailingCr) {
    value = value.replace(/\r\n/g, "\n");
  }
  const retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  if (!linesAndNewlines[linesAndNewlines.length - 1]) {
    linesAndNewlines.pop();
  }
  for (let i = 0; i < linesAndNewlines.length; i++) {
    const line = linesAndNewlines[i];
    if (i % 2 && !options.newlineIsToken) {
      retLines[retLines.length - 1] += line;
    } else {
      retLines.push(line);
    }
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
function needsQuoting(s) {
  for (let i = 0; i < s.length; i++) {
    if (s[i] < " " || s[i] > "~" || s[i] === '"' || s[i] === "\\") {
      return true;
    }
  }
  return false;
}
function quoteFileNameIfNeeded(s) {
  if (!needsQuoting(s)) {
    return s;
  }
  let result = '"';
  const bytes = new TextEncoder().encode(s);
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 7) {
      result += "\\a";
    } else if (b === 8) {
      result += "\\b";
    } else if (b === 9) {
      result += "\\t";
    } else if (b === 10) {
      result += "\\n";
    } else if (b === 11) {
      result += "\\v";
    } else if (b === 12) {
      result += "\\f";
    } else if (b === 13) {
      result += "\\r";
    } else if (b === 34) {
      result += '\\"';
    } else if (b === 92) {
      result += "\\\\";
    } else if (b >= 32 && b <= 126) {
      result += String.fromCharCode(b);
    } else {
      result += "\\" + b.toString(8).padStart(3, "0");
    }
    i++;
  }
  result += '"';
  return result;
}
var INCLUDE_HEADERS = {
  includeIndex: true,
  includeUnderline: true,
  includeFileHeaders: true
};
function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  let optionsObj;
  if (!options) {
    optionsObj = {};
  } else if (typeof options === "function") {
    optionsObj = { callback: options };
  } else {
    optionsObj = options;
  }
  if (typeof optionsObj.context === "undefined") {
    optionsObj.context = 4;
  }
  const context = optionsObj.context;
  if (optionsObj.newlineIsToken) {
    throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
  }
  if (!optionsObj.callback) {
    return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
  } else {
    const { callback } = optionsObj;
    diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
      const patch = diffLinesResultToPatch(diff);
      callback(patch);
    } }));
  }
  function diffLinesResultToPatch(diff) {
    if (!diff) {
      return;
    }
    diff.push({ value: "", lines: [] });
    function contextLines(lines) {
      return lines.map(function(entry) {
        return " " + entry;
      });
    }
    const hunks = [];
    let oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
    for (let i = 0; i < diff.length; i++) {
      const current = diff[i], lines = current.lines || splitLines(current.value);
      current.lines = lines;
      if (current.added || current.removed) {
        if (!oldRangeStart) {
          const prev = diff[i - 1];
          oldRangeStart = oldLine;
          newRangeStart = newLine;
          if (prev) {
            curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [];
            oldRangeStart -= curRange.length;
            newRangeStart -= curRange.length;
          }
        }
        for (const line of lines) {
          curRange.push((current.added ? "+" : "-") + line);
        }
        if (current.added) {
          newLine += lines.length;
        } else {
          oldLine += lines.length;
        }
      } else {
        if (oldRangeStart) {
          if (lines.length <= context * 2 && i < diff.length - 2) {
            for (const line of contextLines(lines)) {
              curRange.push(line);
            }
          } else {
            const contextSize = Math.min(lines.length, context);
            for (const line of contextLines(lines.slice(0, contextSize))) {
              curRange.push(line);
            }
            const hunk = {
              oldStart: oldRangeStart,
              oldLines: oldLine - oldRangeStart + contextSize,
              newStart: newRangeStart,
              newLines: newLine - newRangeStart + contextSize,
              lines: curRange
            };
            hunks.push(hunk);
            oldRangeStart = 0;
            newRangeStart = 0;
            curRange = [];
          }
        }
        oldLine += lines.length;
        newLine += lines.length;
      }
    }
    for (const hunk of hunks) {
      for (let i = 0; i < hunk.lines.length; i++) {
        if (hunk.lines[i].endsWith("\n")) {
          hunk.lines[i] = hunk.lines[i].slice(0, -1);
        } else {
          hunk.lines.splice(i + 1, 0, "\\ No newline at end of file");
          i++;
        }
      }
    }
    return {
      oldFileName,
      newFileName,
      oldHeader,
      newHeader,
      hunks
    };
  }
}
function formatPatch(patch, headerOptions) {
  var _a, _b, _c, _d, _e, _f;
  if (!headerOptions) {
    headerOptions = INCLUDE_HEADERS;
  }
  if (Array.isArray(patch)) {
    if (patch.length > 1 && !headerOptions.includeFileHeaders && !patch.every((p) => p.isGit)) {
      throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");
    }
    return patch.map((p) => formatPatch(p, headerOptions)).join("\n");
  }
  const ret = [];
  if (patch.isGit) {
    headerOptions = INCLUDE_HEADERS;
    if (!patch.oldFileName) {
      throw new Error("oldFileName must be specified for Git patches");
    }
    if (!patch.newFileName) {
      throw new Error("newFileName must be specified for Git patches");
    }
    let gitOldName = patch.oldFileName;
    let gitNewName = patch.newFileName;
    if (patch.isCreate && gitOldName === "/dev/null") {
      gitOldName = gitNewName.replace(/^b\//, "a/");
    } else if (patch.isDelete && gitNewName === "/dev/null") {
      gitNewName = gitOldName.replace(/^a\//, "b/");
    }
    ret.push("diff --git " + quoteFileNameIfNeeded(gitOldName) + " " + quoteFileNameIfNeeded(gitNewName));
    if (patch.isDelete) {
      ret.push("deleted file mode " + ((_a = patch.oldMode) !== null && _a !== void 0 ? _a : "100644"));
    }
    if (patch.isCreate) {
      ret.push("new file mode " + ((_b = patch.newMode) !== null && _b !== void 0 ? _b : "100644"));
    }
    if (patch.oldMode && patch.newMode && !patch.isDelete && !patch.isCreate) {
      ret.push("old mode " + patch.oldMode);
      ret.push("new mode " + patch.newMode);
    }
    if (patch.isRename) {
      ret.push("rename from " + quoteFileNameIfNeeded(((_c = patch.oldFileName) !== null && _c !== void 0 ? _c : "").replace(/^a\//, "")));
      ret.push("rename to " + quoteFileNameIfNeeded(((_d = patch.newFileName) !== null && _d !== void 0 ? _d : "").replace(/^b\//, "")));
    }
    if (patch.isCopy) {
      ret.push("copy from " + quoteFileNameIfNeeded(((_e = patch.oldFileName) !== null && _e !== void 0 ? _e : "").replace(/^a\//, "")));
      ret.push("copy to " + quoteFileNameIfNeeded(((_f = patch.newFileName) !== null && _f !== void 0 ? _f : "").replace(/^b\//, "")));
    }
  } else {
    if (headerOptions.includeIndex && patch.oldFileName == patch.newFileName && patch.oldFileName !== void 0) {
      ret.push("Index: " + patch.oldFileName);
    }
    if (headerOptions.includeUnderline) {
      ret.push("===================================================================");
    }
  }
  const hasHunks = patch.hunks.length > 0;
  if (headerOptions.includeFileHeaders && patch.oldFileName !== void 0 && patch.newFileName !== void 0 && (!patch.isGit || hasHunks)) {
    ret.push("--- " + quoteFileNameIfNeeded(patch.oldFileName) + (patch.oldHeader ? "	" + patch.oldHeader : ""));
    ret.push("+++ " + quoteFileNameIfNeeded(patch.newFileName) + (patch.newHeader ? "	" + patch.newHeader : ""));
  }
  for (let i = 0; i < patch.hunks.length; i++) {
    const hunk = patch.hunks[i];
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    ret.push("@@ -" + oldStart + "," + hunk.oldLines + " +" + newStart + "," + hunk.newLines + " @@");
    for (const line of hunk.lines) {
      ret.push(line);
    }
  }
  return ret.join("\n") + "\n";
}
function createTwoFilesPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  if (typeof options === "function") {
    options = { callback: options };
  }
  if (!(options === null || options === void 0 ? void 0 : options.callback)) {
    const patchObj = structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options);
    if (!patchObj) {
      return;
    }
    return formatPatch(patchObj, options === null || options === void 0 ? void 0 : options.headerOptions);
  } else {
    const { callback } = options;
    structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, Object.assign(Object.assign({}, options), { callback: (patchObj) => {
      if (!patchObj) {
        callback(void 0);
      } else {
        callback(formatPatch(patchObj, options.headerOptions));
      }
    } }));
  }
}
function splitLines(text) {
  const hasTrailingNl = text.endsWith("\n");
  const result = text.split("\n").map((line) => line + "\n");
  if (hasTrailingNl) {
    result.pop();
  } else {
    result.push(result.pop().slice(0, -1));
  }
  return result;
}

// src/targets/dj/review.ts
var metricSqlAnswer = looseObject({ sql: string(), dialect: optional(nullable(string())) });
var dataAnswer = looseObject({
  state: optional(nullable(string())),
  results: optional(
    nullable(
      array(
        looseObject({
          columns: array(looseObject({ name: string(), semantic_type: optional(nullable(string())) })),
          rows: array(array(unknown()))
        })
      )
    )
  ),
  errors: optional(nullable(array(unknown())))
});
function relativeOf(name, ns) {
  if (name.startsWith("${prefix}")) return name.slice("${prefix}".length);
  return name.startsWith(`${ns}.`) ? name.slice(ns.length + 1) : name;
}
function nodesOf(spec) {
  const out = /* @__PURE__ */ new Map();
  for (const n of spec?.nodes ?? []) {
    const owners = Array.isArray(n.owners) ? n.owners.filter((o) => typeof o === "string") : [];
    out.set(relativeOf(n.name, spec.namespace), { type: typeof n.node_type === "string" ? n.node_type : "", owners });
  }
  return out;
}
function reviewedMetrics(summary, base, branch, limit) {
  const rel = (n) => relativeOf(n, summary.base);
  const isMetric = (r) => (branch.get(r) ?? base.get(r))?.type === "metric";
  const { updated, created, deleted } = summary.changes;
  const names = [...updated, ...created, ...deleted].map(rel).filter(isMetric);
  for (const d of summary.downstream) if (d.node_type === "metric" && !d.is_external && d.name.startsWith(`${summary.base}.`)) names.push(rel(d.name));
  const unique = [...new Set(names)];
  return { metrics: unique.slice(0, limit), omitted: Math.max(0, unique.length - limit) };
}
function normaliseSql(sql, ns) {
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let out = sql.replace(new RegExp(`\\b${esc(ns)}\\.`, "g"), "").replace(new RegExp(`\\b${esc(ns.replace(/\./g, "_"))}_`, "g"), "");
  const seen = /* @__PURE__ */ new Map();
  out = out.replace(/([A-Za-z0-9])_([0-9a-f]{8})\b/g, (_m, before, hash) => {
    if (!seen.has(hash)) seen.set(hash, `h${seen.size + 1}`);
    return `${before}_${seen.get(hash)}`;
  });
  return out.trimEnd() + "\n";
}
function failureText(err) {
  if (err && typeof err === "object") {
    const e = err;
    if (e.status === 500) return `DJ answered HTTP 500 (${e.serverMessage ?? "Internal Server Error"}); values need a DJ server with a query service and an engine on the catalog`;
    if (e.status && e.serverMessage) return `DJ answered HTTP ${e.status}: ${e.serverMessage}`;
    if (e.message) return e.message;
  }
  return String(err);
}
function numeric(cell) {
  if (typeof cell === "number" && Number.isFinite(cell)) return cell;
  if (typeof cell === "string" && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cell.trim())) return Number(cell);
  return null;
}
function valuesOf(answer) {
  if (answer.state && answer.state !== "FINISHED") {
    const errors = (answer.errors ?? []).map(
      (e) => typeof e === "string" ? e : typeof e === "object" && e && "message" in e ? String(e.message) : JSON.stringify(e)
    );
    return { failed: `the query ${answer.state === "FAILED" ? "failed" : `ended ${answer.state}`}${errors.length ? `: ${errors.join("; ")}` : ""}` };
  }
  const result = answer.results?.[0];
  if (!result) return { failed: "DJ answered without results" };
  let at = result.columns.findIndex((c) => c.semantic_type === "metric");
  if (at === -1) at = result.columns.length - 1;
  const rows = /* @__PURE__ */ new Map();
  for (const row of result.rows) {
    const key = row.filter((_c, i) => i !== at).map((c) => c === null || c === void 0 ? "\u2205" : String(c));
    rows.set(JSON.stringify(key), { key, value: row[at] ?? null });
  }
  return { rows };
}
function compareValues(base, branch, max) {
  const keys = [.../* @__PURE__ */ new Set([...base.keys(), ...branch.keys()])].sort();
  const rows = keys.map((k) => {
    const b = base.get(k);
    const h = branch.get(k);
    const bn = numeric(b?.value);
    const hn = numeric(h?.value);
    const delta = bn !== null && hn !== null ? hn - bn : null;
    const relative = delta !== null && bn ? delta / Math.abs(bn) : null;
    return { key: (b ?? h).key, base: b ? b.value : null, branch: h ? h.value : null, delta, relative };
  });
  return { rows: rows.slice(0, max), more: Math.max(0, rows.length - max) };
}
function ownersToAsk(summary, base, branch) {
  const owners = /* @__PURE__ */ new Set();
  const { updated, created, deleted } = summary.changes;
  for (const n of [...updated, ...created, ...deleted]) {
    const r = relativeOf(n, summary.base);
    for (const o of [...branch.get(r)?.owners ?? [], ...base.get(r)?.owners ?? []]) owners.add(o);
  }
  for (const d of newlyInvalid(summary)) for (const o of d.owners) owners.add(o);
  return [...owners].sort();
}
async function review(req, io) {
  const { summary, branchNs, settings } = req;
  const base = summary.base;
  const notes = [];
  const spec = (ns) => io.exportSpec(ns).catch((err) => {
    notes.push(`The spec of ${ns} could not be read (${failureText(err)}), so the review may miss metrics.`);
    return void 0;
  });
  const [baseSpec, branchSpec] = await Promise.all([spec(base), spec(branchNs)]);
  const baseNodes = nodesOf(baseSpec);
  const branchNodes = nodesOf(branchSpec);
  const { metrics, omitted } = reviewedMetrics(summary, baseNodes, branchNodes, settings.limit);
  const dialects = /* @__PURE__ */ new Set();
  const sqlOf = async (metric) => {
    const inBase = baseNodes.has(metric);
    const inBranch = branchNodes.has(metric);
    const ask = (ns) => io.metricSql(`${ns}.${metric}`).then((a) => {
      if (a.dialect && a.dialect.toLowerCase() !== settings.dialect) dialects.add(a.dialect);
      return normaliseSql(a.sql, ns);
    });
    try {
      const [before, after] = await Promise.all([inBase ? ask(base) : void 0, inBranch ? ask(branchNs) : void 0]);
      if (before === void 0 && after === void 0) return { metric, change: "unknown", note: "neither namespace has it" };
      if (before === void 0) return { metric, change: "added", diff: after };
      if (after === void 0) return { metric, change: "removed" };
      if (before === after) return { metric, change: "unchanged" };
      const patch = createTwoFilesPatch(`${base}`, `${branchNs}`, before, after, void 0, void 0, { context: 3 });
      return {
        metric,
        change: "changed",
        diff: patch.split("\n").filter((l) => !/^(Index:|={5,}|--- |\+\+\+ )/.test(l)).join("\n").trimEnd()
      };
    } catch (err) {
      return { metric, change: "unknown", note: `DJ could not give its SQL: ${failureText(err)}` };
    }
  };
  const valueOf = async (metric) => {
    const ask = async (ns) => {
      const answer = await io.metricData(
        `${ns}.${metric}`,
        settings.dimensions.map((d) => `${ns}.${d}`)
      );
      return valuesOf(answer);
    };
    try {
      const [before, after] = await Promise.all([baseNodes.has(metric) ? ask(base) : void 0, branchNodes.has(metric) ? ask(branchNs) : void 0]);
      const failed = [before && "failed" in before ? `in ${base}: ${before.failed}` : "", after && "failed" in after ? `in ${branchNs}: ${after.failed}` : ""].filter(Boolean);
      if (failed.length) return { metric, rows: [], more: 0, note: `Could not be computed ${failed.join("; ")}.` };
      const rowsOf = (r) => r && "rows" in r ? r.rows : /* @__PURE__ */ new Map();
      return { metric, ...compareValues(rowsOf(before), rowsOf(after), settings.rows) };
    } catch (err) {
      return { metric, rows: [], more: 0, note: `Could not be computed: ${failureText(err)}.` };
    }
  };
  const owners = ownersToAsk(summary, baseNodes, branchNodes);
  const [sql, values] = await Promise.all([
    Promise.all(metrics.map(sqlOf)),
    settings.values ? Promise.all(metrics.map(valueOf)) : void 0,
    req.onOwners?.(owners).catch(() => void 0)
  ]);
  if (dialects.size) notes.push(`DJ answered in ${[...dialects].join(", ")} rather than ${settings.dialect} (a server may ignore a dialect it does not know).`);
  if (omitted) notes.push(`${omitted} more metrics are affected; \`review-limit\` (${settings.limit}) keeps the review to the first ${settings.limit}.`);
  return {
    review: { sql, ...values ? { values } : {}, dimensions: settings.dimensions, reviewers: [], notes, behindBy: req.behindBy, omitted },
    owners
  };
}
export {
  compareValues,
  dataAnswer,
  failureText,
  metricSqlAnswer,
  nodesOf,
  normaliseSql,
  ownersToAsk,
  review,
  reviewedMetrics,
  valuesOf
};
