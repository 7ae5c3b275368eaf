/**
 * Everything that talks to GitHub, behind one dynamic import: the bundler makes one chunk of
 * it, loaded only on the paths that need GitHub (comments, branch look-ups, prune), so a skip
 * never parses it and no other chunk carries a second copy. Loading the chunk costs about 8 ms
 * (median of 15 imports, Node 20 and Node 24) that a skip does not pay; a whole skip run took
 * 115 to 240 ms on the same machine.
 */
export { GitHubClient } from './github.js';
export { findStickyComment, writeStickyComment } from './report/comment.js';
