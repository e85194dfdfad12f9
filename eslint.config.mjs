// ESLint flat config: typescript-eslint's type-aware recommended rules over the function, tests, scripts,
// benchmarks and config files; eslint-config-prettier last, so formatting is left to Prettier alone.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import tseslint from 'typescript-eslint';

// Node's own globals (process, console, URL, ...), read from the Node running ESLint rather than from a
// `globals` package this project does not otherwise need.
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']));

export default defineConfig([
  globalIgnores([
    '**/.aws-sam/',
    '**/coverage/',
    '**/.build/',
    'tools/bench/results/',
    '**/.stryker-tmp/',
    '**/reports/',
    // A fixture's pre-built bundle, as the project's own build script wrote it.
    'tools/sam-local/test/fixtures/*/dist/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: nodeGlobals,
      parserOptions: {
        // Each TypeScript file is checked with the tsconfig.json that includes it; the root config files
        // and the workspaces' (JavaScript, outside any tsconfig.json) get TypeScript's default project.
        projectService: {
          allowDefaultProject: ['*.config.js', '*.config.mjs', 'tools/*/*.config.js', 'tools/*/*.config.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a binding that is unused on purpose, e.g. `for (const _ of text)`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.config.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // Plain CommonJS run by bare Node (e.g. tools/sam-local/src/lambda/runtime-worker.cjs loads a bundle the way Lambda does):
    // require() is the point, and without types every value is `any`, so the type-aware rules would only
    // flag that. ESLint's own recommended rules still apply.
    files: ['**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { __dirname: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The toolkit's fixture projects hold plain JavaScript functions as users write them (CommonJS .js, ES modules
    // .mjs or .js under "type": "module"), outside any tsconfig: ESLint's own recommended rules only.
    files: ['tools/sam-local/test/fixtures/**/*.js', 'tools/sam-local/test/fixtures/**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'module',
      globals: { exports: 'writable', require: 'readonly', module: 'writable' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Jest's asymmetric matchers (expect.any, expect.objectContaining, ...) are declared as returning `any` in
    // @types/jest, so every `{ key: expect.any(String) }` would be an "unsafe assignment". The other no-unsafe-*
    // rules stay on for tests.
    files: ['tests/**/*.ts', 'tools/*/test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  prettier,
]);
