import { run } from './main.js';
import { routeProcessWarnings } from './runner.js';

// Libraries that print (process.emitWarning) go through the runner's escaping, never to stderr as they are.
routeProcessWarnings();

// The process ends by itself once run() settles; process.exitCode carries the step's result.
// (An explicit exit after flushing stdout saved at most 4 ms here, Node 20 and 24, skip or not.)
await run();
