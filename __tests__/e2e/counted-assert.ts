/**
 * node:assert/strict, counting every check: the real-server suite reports how many checks ran
 * (appended to env DJ_CHECKS_FILE after the importing test file; scripts/run-tests.mjs sums them).
 */
import strict from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { afterAll } from '@jest/globals';

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

// Registered at the importing file's top level: runs once, after all of its tests.
afterAll(() => {
  if (process.env.DJ_CHECKS_FILE) appendFileSync(process.env.DJ_CHECKS_FILE, `${checks}\n`);
});

export default counted;
