import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-ULGGNWNB.js";

// builtin:crypto
var require_crypto = __commonJS({
  "builtin:crypto"(exports, module) {
    module.exports = __require_builtin("node:crypto");
  }
});

export {
  require_crypto
};
