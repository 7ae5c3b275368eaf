/**
 * node:assert/strict, counting every check: the real-server suite reports how many checks ran
 * (written to env DJ_CHECKS_FILE when the test process exits; scripts/run-tests.mjs sums them).
 */
import strict from 'node:assert/strict';
import { appendFileSync } from 'node:fs';

let checks = 0;
const counted: typeof strict = new Proxy(strict, {
  apply(target, self, args: Parameters<typeof strict>) {
    checks++;
    return Reflect.apply(target, self, args);
  },
  get(target, key, receiver) {
    const value = Reflect.get(target, key, receiver) as unknown;
    if (typeof value !== 'function' || key === 'AssertionError') return value;
    return (...args: unknown[]) => {
      checks++;
      return (value as (...a: unknown[]) => unknown).apply(target, args);
    };
  },
});

process.on('exit', () => {
  if (process.env.DJ_CHECKS_FILE) appendFileSync(process.env.DJ_CHECKS_FILE, `${checks}\n`);
});

export default counted;
