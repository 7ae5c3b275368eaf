// jest runs the compiled tests (tsc → build/, see tsconfig.test.json) as native ES modules
// (`--experimental-vm-modules`, set by scripts/run-tests.mjs), so what runs is what tsc emitted.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/build/__tests__'],
  testMatch: ['**/*.test.js'],
  transform: {},
  // e2e tests spawn dist/index.js against local servers; a real fossil or DJ server is slower.
  testTimeout: 180_000,
  // Each file starts its own emulators on free ports, so files run in parallel safely.
  // test.concurrent (the fault matrix: a fresh world per case) runs this many at once per file.
  maxConcurrency: 6,
  maxWorkers: process.env.JEST_WORKERS ?? '50%',
};
