/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/tests/setup/lambda-environment.ts'],
  // SWC only strips the types (tsc --noEmit in `npm test` checks them): measured against ts-jest in docs/performance.md.
  transform: { '^.+\\.ts$': ['@swc/jest', require('./swc-jest.config')] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
};
