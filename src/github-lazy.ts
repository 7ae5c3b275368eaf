/**
 * Everything that talks to GitHub, behind one dynamic import: the bundler makes one chunk of
 * it, loaded only on the paths that need GitHub (comments, branch look-ups, prune), so a skip
 * never parses it and no other chunk carries a second copy.
 */
export { GitHubClient } from './github.js';
export { findStickyComment, writeStickyComment } from './report/comment.js';
