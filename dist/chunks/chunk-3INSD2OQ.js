import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-ULGGNWNB.js";

// builtin:buffer
var require_buffer = __commonJS({
  "builtin:buffer"(exports, module) {
    module.exports = __require_builtin("node:buffer");
  }
});

export {
  require_buffer
};
