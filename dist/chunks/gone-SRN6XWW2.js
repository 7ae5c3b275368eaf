import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  CONFIRM_CONCURRENCY,
  confirmGone
} from "./chunk-KM6Q7FHW.js";
import "./chunk-GZKCK2HS.js";
import "./chunk-ULGGNWNB.js";
export {
  CONFIRM_CONCURRENCY,
  confirmGone
};
