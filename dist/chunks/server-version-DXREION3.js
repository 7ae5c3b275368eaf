import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  checkAnswer
} from "./chunk-HQS6BK2T.js";
import {
  maxLength,
  object,
  pipe,
  string
} from "./chunk-V3S35252.js";
import "./chunk-ULGGNWNB.js";

// src/targets/dj/server-version.ts
var OLDEST_SUPPORTED = "0.0.116";
var NEWEST_TESTED = "0.0.272";
function compareVersions(a, b) {
  const x = a.split(".").map((p) => Number.parseInt(p, 10) || 0);
  const y = b.split(".").map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
function routeMissing(status, body) {
  if (status !== 404 && status !== 405) return false;
  const detail = body && typeof body === "object" ? body.detail : void 0;
  return detail === (status === 404 ? "Not Found" : "Method Not Allowed");
}
var openApi = object({ info: object({ version: pipe(string(), maxLength(64)) }) });
function versionOf(document) {
  const checked = checkAnswer(openApi, document);
  if (!checked.ok) return void 0;
  const version = checked.value.info.version.trim();
  return /^\d+(\.\d+){1,3}$/.test(version) ? version : void 0;
}
function unsupportedNote(version) {
  if (compareVersions(version, OLDEST_SUPPORTED) >= 0) return void 0;
  return `The DJ server is datajunction-server ${version}, older than dj-branch-sync supports: it works with datajunction-server ${OLDEST_SUPPORTED} and newer (tested ${OLDEST_SUPPORTED} to ${NEWEST_TESTED}). Upgrade the server.`;
}
export {
  NEWEST_TESTED,
  OLDEST_SUPPORTED,
  compareVersions,
  routeMissing,
  unsupportedNote,
  versionOf
};
