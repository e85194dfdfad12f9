// npm run check:recipes: applies the recipes of docs/add-an-endpoint.md, exactly as written there, to a temporary
// copy of the starter, all of them in the page's order (as a reader would), then runs the checks below in it.
// `-- --keep` keeps the copy for a look. How the page marks each step: src/recipes/parse.ts.
import { execFileSync, execSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseRecipes, type Step } from './recipes/parse';
import { ROOT } from './root';

const GUIDE = join(ROOT, 'docs', 'add-an-endpoint.md');

// Left out of the copy: the toolkit and the benchmark, which no recipe touches. The copy still runs them through its
// node_modules (a link to the repository's, where `sam-local` is the workspace's own link), and `npm run format`,
// which a recipe runs, then formats the starter and the repository checks only: the same result for every file a
// recipe changes, in a third of the time.
const NOT_COPIED = ['tools/sam-local/', 'tools/bench/'];

function copyOfStarter(): string {
  const copy = mkdtempSync(join(tmpdir(), 'starter-recipes-'));
  // Tracked files only: no build output, no local results. node_modules is shared, read-only in spirit.
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && !NOT_COPIED.some((folder) => file.startsWith(folder)));
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

function apply(copy: string, step: Step): void {
  switch (step.kind) {
    case 'create': {
      const target = join(copy, step.file);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, step.body);
      break;
    }
    case 'insert': {
      // Inserted as shown on the page: the guide gives each block the indentation it has in the file.
      const target = join(copy, step.file);
      const lines = readFileSync(target, 'utf8').split('\n');
      const at = lines.findIndex((line) => line.trim() === step.anchor.trim());
      if (at < 0) throw new Error(`${step.label}: no line "${step.anchor}" in ${step.file}`);
      lines.splice(at + 1, 0, ...step.body.trimEnd().split('\n'));
      writeFileSync(target, lines.join('\n'));
      break;
    }
    case 'change': {
      const target = join(copy, step.file);
      const text = readFileSync(target, 'utf8');
      const found = text.split(step.from).length - 1;
      if (found !== 1) throw new Error(`${step.label}: the text to change is in ${step.file} ${found} times, not once`);
      writeFileSync(
        target,
        text.replace(step.from, () => step.body),
      );
      break;
    }
    case 'run':
      for (const command of step.body.split('\n').filter((line) => line.trim())) {
        execSync(command, { cwd: copy, stdio: 'inherit' });
      }
      break;
  }
}

// What proves a copy with the recipes applied: the starter's tests, the OpenAPI and Postman contract checks (the
// recipes edit openapi.yaml and the collection) and the formatting CI checks.
const CHECKS = [
  'npm test',
  'npx jest --config tools/repo-checks/jest.config.js tools/repo-checks/test/contract',
  'npm run format:check',
];

function main(): void {
  // --keep leaves the copy in place (its path is printed) for a look at what the guide made.
  const keep = process.argv.includes('--keep');
  const recipes = parseRecipes(readFileSync(GUIDE, 'utf8'));
  const names = [...recipes.keys()];
  if (names.length < 3) throw new Error(`docs/add-an-endpoint.md has ${names.length} recipes with steps, not 3`);
  // One copy, every recipe in the order of the page (each builds on the one before, as a reader's project would).
  const copy = copyOfStarter();
  try {
    console.log(`\n== Recipes ${names.join(', ').toUpperCase()} in ${copy}`);
    for (const name of names) for (const step of recipes.get(name) ?? []) apply(copy, step);
    for (const check of CHECKS) execSync(check, { cwd: copy, stdio: 'inherit' });
  } finally {
    if (!keep) rmSync(copy, { recursive: true, force: true });
  }
  console.log(`\nRecipes ${names.join(', ').toUpperCase()} of docs/add-an-endpoint.md pass: ${CHECKS.join(', ')}.`);
}

try {
  main();
} catch (error) {
  console.error(`check:recipes failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
