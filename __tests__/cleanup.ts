/**
 * Per-test clean-up for jest, in the spirit of node:test's `t.after`: a test (or its setup
 * helper) registers what to stop, and it runs after that test whatever its result.
 */
import { afterEach } from '@jest/globals';

/** Registers clean-up for the running test. */
export interface Cleanup {
  after(fn: () => unknown): void;
}

const pending: (() => unknown)[] = [];

afterEach(async () => {
  while (pending.length) await pending.pop()!();
});

/** The running test's clean-up list. */
export const cleanup: Cleanup = { after: fn => void pending.push(fn) };
