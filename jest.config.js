/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/tests/setup/lambda-environment.ts'],
  // SWC only strips the types (tsc --noEmit in `npm test` checks them). Chosen for speed: it transforms the 93 files
  // these suites load in about 0.3 s, where ts-jest (isolatedModules) took several seconds on the same machine.
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
};
