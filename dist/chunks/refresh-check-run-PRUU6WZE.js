import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  REFRESH_SUFFIX,
  deploymentCheckRun,
  deploymentMark
} from "./chunk-VLV3XLLD.js";
import "./chunk-A4UGXOXX.js";
import "./chunk-ULGGNWNB.js";
export {
  REFRESH_SUFFIX,
  deploymentCheckRun,
  deploymentMark
};
