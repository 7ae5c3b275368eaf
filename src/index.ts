import { run } from './main.js';

await run();
// Exit once everything written has been flushed. Left alone, Node waits for V8 to finish
// optimising fetch's HTTP parser in the background (about 0.1 s) before the process ends;
// every run of every team would pay for that. process.exitCode keeps the step's result.
process.stdout.write('', () => process.exit());
