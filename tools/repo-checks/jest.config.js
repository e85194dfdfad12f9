/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/../../tests/setup/lambda-environment.ts'],
  // The same transform as the starter's tests (types are checked by tsc in `npm test` here too).
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // A worker per core (jest's default is one on a 2-core machine): these suites mostly wait on the processes they
  // start (python3's cfn-lint and SAM translator, newman, the CLIs they stand in for).
  maxWorkers: '100%',
  testTimeout: 30000,
};
