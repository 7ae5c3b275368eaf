import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  __commonJS,
  __export,
  __toESM
} from "./chunk-ULGGNWNB.js";

// builtin:os
var require_os = __commonJS({
  "builtin:os"(exports, module) {
    module.exports = __require_builtin("node:os");
  }
});

// builtin:crypto
var require_crypto = __commonJS({
  "builtin:crypto"(exports, module) {
    module.exports = __require_builtin("node:crypto");
  }
});

// builtin:fs
var require_fs = __commonJS({
  "builtin:fs"(exports, module) {
    module.exports = __require_builtin("node:fs");
  }
});

// builtin:path
var require_path = __commonJS({
  "builtin:path"(exports, module) {
    module.exports = __require_builtin("node:path");
  }
});

// src/runner.ts
var runner_exports = {};
__export(runner_exports, {
  appendSummary: () => appendSummary,
  debug: () => debug2,
  error: () => error2,
  group: () => group2,
  info: () => info2,
  isDebug: () => isDebug2,
  notice: () => notice2,
  redact: () => redact,
  redactAll: () => redactAll,
  redactor: () => redactor,
  setFailed: () => setFailed,
  setOutput: () => setOutput2,
  setSecret: () => setSecret2,
  warning: () => warning2
});

// node_modules/@actions/core/lib/command.js
var os = __toESM(require_os());

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
var crypto = __toESM(require_crypto());
var fs = __toESM(require_fs());
var os2 = __toESM(require_os());
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter2 = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter2)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter2}"`);
  }
  if (convertedValue.includes(delimiter2)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter2}"`);
  }
  return `${key}<<${delimiter2}${os2.EOL}${convertedValue}${os2.EOL}${delimiter2}`;
}

// node_modules/@actions/core/lib/core.js
var os3 = __toESM(require_os());
var path = __toESM(require_path());

// node_modules/@actions/core/lib/summary.js
var import_os = __toESM(require_os());
var import_fs = __toESM(require_fs());
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = import_fs.promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, import_fs.constants.R_OK | import_fs.constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(import_os.EOL);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/core.js
var __awaiter2 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os3.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function isDebug() {
  return process.env["RUNNER_DEBUG"] === "1";
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os3.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}
function group(name, fn) {
  return __awaiter2(this, void 0, void 0, function* () {
    startGroup(name);
    let result;
    try {
      result = yield fn();
    } finally {
      endGroup();
    }
    return result;
  });
}

// src/log-safety.ts
var LEADING_SPACE = "[\\s\\u0085]*";
var ZWSP = "\u200B";
function neutralizeCommands(text) {
  return text.replace(new RegExp(`(^|[\\r\\n])(${LEADING_SPACE}):(?=:)`, "g"), `$1$2:${ZWSP}`).replace(/##\[/g, `##${ZWSP}[`);
}
var MASK = "***";
var Redactor = class {
  secrets = [];
  /** Adds a secret (each non-blank line of it, as the runner masks lines). */
  add(secret) {
    if (!secret) return;
    for (const line of secret.split(/\r?\n/)) {
      if (line.trim() && !this.secrets.includes(line)) this.secrets.push(line);
    }
    this.secrets.sort((a, b) => b.length - a.length);
  }
  /** The secrets known so far (for `::add-mask::`). */
  list() {
    return this.secrets;
  }
  /** `text` with every known secret replaced by `***`. Never throws. */
  text(text) {
    let out = typeof text === "string" ? text : String(text);
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  }
  /**
   * Every string inside `value` redacted (plain objects and arrays are copied; keys are
   * the action's and stay as they are). Depth is bounded: nothing deeper is kept.
   */
  deep(value, depth = 64) {
    if (typeof value === "string") return this.text(value);
    if (depth <= 0) return Array.isArray(value) ? [] : value && typeof value === "object" ? {} : value;
    if (Array.isArray(value)) return value.map((v) => this.deep(v, depth - 1));
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      const out = {};
      for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: this.deep(v, depth - 1), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return value;
  }
};
function redactUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    url = void 0;
  }
  if (url && /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    const auth = url.username || url.password ? `${MASK}@` : "";
    return `${url.protocol}//${auth}${url.host}${url.pathname === "/" && !raw.replace(/[?#].*$/, "").endsWith("/") ? "" : url.pathname}${url.search ? `?${MASK}` : ""}${url.hash ? `#${MASK}` : ""}`;
  }
  const cut = raw.search(/[?#\s]/);
  let head = (cut === -1 ? raw : raw.slice(0, cut)).slice(0, 200);
  const at = head.lastIndexOf("@");
  if (at !== -1) head = `${/^[a-z][a-z0-9+.-]*:\/\//i.exec(head)?.[0] ?? ""}${MASK}@${head.slice(at + 1)}`;
  return cut === -1 ? head : `${head}${MASK}`;
}
var SHA = /^[0-9a-f]{7,64}$/i;
function redactOutcome(outcome, redactor2) {
  const o = outcome;
  return {
    ...outcome,
    results: outcome.results.map((r) => redactor2.deep(r)),
    ...o.branches ? {
      branches: o.branches.map((b) => ({
        ...b,
        gitBranch: redactor2.text(b.gitBranch),
        ...b.state !== void 0 ? { state: redactor2.text(b.state) } : {},
        raw: redactor2.deep(b.raw)
      }))
    } : {},
    ...o.failures ? { failures: o.failures.map((f) => ({ name: f.name, message: redactor2.text(f.message) })) } : {},
    ...o.deployedSha && !SHA.test(o.deployedSha) ? { deployedSha: redactor2.text(o.deployedSha) } : {},
    notes: outcome.notes.map((n) => redactor2.text(n))
  };
}

// src/runner.ts
var secrets = new Redactor();
function setSecret2(secret) {
  if (!secret) return;
  for (const line of secret.split(/\r?\n/)) {
    if (line.trim() && !secrets.list().includes(line)) {
      secrets.add(line);
      setSecret(line);
    }
  }
}
function redact(text) {
  return secrets.text(text);
}
function redactAll(value) {
  return secrets.deep(value);
}
function redactor() {
  return secrets;
}
function setOutput2(name, value) {
  setOutput(name, value);
}
async function appendSummary(markdown) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await summary.addRaw(markdown, !markdown.endsWith("\n")).write();
}
function info2(message) {
  info(neutralizeCommands(redact(message)));
}
function isDebug2() {
  return isDebug();
}
function debug2(message) {
  debug(redact(message));
}
function notice2(message, props) {
  notice(redact(message), props);
}
function warning2(message, props) {
  warning(redact(message), props);
}
function error2(message, props) {
  error(redact(message), props);
}
function setFailed(message, props) {
  process.exitCode = ExitCode.Failure;
  error2(message, props);
}
function group2(name, fn) {
  return group(neutralizeCommands(redact(name)), fn);
}

// src/errors.ts
var InputError = class extends Error {
  name = "InputError";
};
var RefusedError = class extends Error {
  name = "RefusedError";
};
var HttpError = class extends Error {
  constructor(kind, status, method, path2, serverMessage, body, attempts, headers, mayHaveActed = false) {
    super(
      (kind === "http" ? `${method} ${path2} \u2192 HTTP ${status}: ${serverMessage}` : `${method} ${path2} \u2192 ${kind === "timeout" ? "timed out" : kind === "too-large" ? "answer too large" : "network error"}: ${serverMessage}`) + (mayHaveActed ? " (not resent: the server may have acted on it)" : "")
    );
    this.kind = kind;
    this.status = status;
    this.method = method;
    this.path = path2;
    this.serverMessage = serverMessage;
    this.body = body;
    this.attempts = attempts;
    this.headers = headers;
    this.mayHaveActed = mayHaveActed;
  }
  kind;
  status;
  method;
  path;
  serverMessage;
  body;
  attempts;
  headers;
  mayHaveActed;
  name = "HttpError";
};
function describeError(err) {
  if (err instanceof InputError) return `Input error: ${err.message}`;
  if (err instanceof RefusedError) return `Refused, nothing changed: ${err.message}`;
  if (err instanceof HttpError) return `${err.message}. Check the server URL and that it is reachable from the runner.`;
  if (err instanceof Error) return err.message;
  return String(err);
}

// src/outcome.ts
function simpleOutcome(base, operation, of = "ensure") {
  switch (operation) {
    case "unchanged":
      return { ...base, operation, why: "linked" };
    case "planned":
      return { ...base, operation, of };
    default:
      return { ...base, operation };
  }
}
function commitOf(outcome) {
  switch (outcome.operation) {
    case "created":
    case "updated":
    case "unchanged":
      return outcome;
    case "planned":
      return outcome.of === "prune" ? {} : outcome;
    default:
      return {};
  }
}
function pruneOf(outcome) {
  return outcome.operation === "pruned" || outcome.operation === "planned" && outcome.of === "prune" ? outcome : void 0;
}
function branchesOf(outcome) {
  return outcome.operation === "listed" ? outcome.branches : pruneOf(outcome)?.branches;
}
function withKnownOutcome(err, outcome) {
  return Object.assign(err, { knownOutcome: outcome });
}
function knownOutcomeOf(err) {
  const known = err instanceof Error ? err.knownOutcome : void 0;
  return known && typeof known === "object" ? known : void 0;
}
function countByStatus(results) {
  const counts = /* @__PURE__ */ new Map([
    ["success", 0],
    ["failed", 0],
    ["invalid", 0],
    ["skipped", 0],
    ["warning", 0]
  ]);
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return Object.fromEntries(counts);
}

// src/targets/target.ts
function notLinked(req, base, why, what) {
  if (!req.skipWhenNotLinked) throw new RefusedError(`${why}. Nothing was deployed; create ${what} first (operation 'create').`);
  return { ...base, operation: "skipped", skipReason: "not-linked", notes: [...base.notes, `${why}; nothing was deployed`] };
}
async function deployBranch(target, req) {
  let name;
  try {
    name = target.nameFor(req.gitBranch);
  } catch (err) {
    if (!(err instanceof InputError) || !req.skipWhenNotLinked) throw err;
    return { target: target.name, operation: "skipped", skipReason: "not-linked", gitBranch: req.gitBranch, results: [], notes: [err.message] };
  }
  if (target.deploy) return target.deploy(req);
  return {
    target: target.name,
    operation: "unchanged",
    why: "linked",
    name,
    gitBranch: req.gitBranch,
    results: [],
    notes: [`${target.name} has no deploy step: nothing to do for ${name}.`]
  };
}

export {
  require_crypto,
  require_fs,
  require_path,
  redactUrl,
  redactOutcome,
  setSecret2 as setSecret,
  redact,
  redactAll,
  redactor,
  setOutput2 as setOutput,
  appendSummary,
  info2 as info,
  isDebug2 as isDebug,
  debug2 as debug,
  warning2 as warning,
  setFailed,
  group2 as group,
  runner_exports,
  InputError,
  RefusedError,
  HttpError,
  describeError,
  simpleOutcome,
  commitOf,
  pruneOf,
  branchesOf,
  withKnownOutcome,
  knownOutcomeOf,
  countByStatus,
  notLinked,
  deployBranch
};
