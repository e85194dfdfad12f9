/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type errors are caught by `tsc --noEmit` in `npm test`; SWC only strips the types, as for the starter's suites.
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // A worker per core: most of these suites wait on processes they start (the CLI, function workers, esbuild), so
  // jest's default of one worker on a 2-core machine leaves a core idle.
  maxWorkers: '100%',
  testTimeout: 30000,
};
