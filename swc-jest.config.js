// The options @swc/jest transforms TypeScript with, for the starter's tests and tools/repo-checks: types stripped,
// CommonJS out, the syntax level of Node 20 (the oldest Node the tooling supports).
module.exports = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
