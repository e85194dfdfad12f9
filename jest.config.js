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
  // A worker per core: jest's default (cores - 1) runs everything in one process on a 2-core machine, while these
  // suites spend much of their time waiting for python3, esbuild and the function's own processes.
  maxWorkers: '100%',
  testTimeout: 30000,
};
