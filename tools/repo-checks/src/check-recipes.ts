// npm run check:recipes: applies the recipes of docs/add-an-endpoint.md, exactly as written there, to a temporary
// copy of the starter, and runs the starter's tests in it, once, with both applied (B follows A, as a reader would). `-- --keep` keeps
// the copies for a look.
//
// Each step of the guide is an HTML comment followed by a fenced block:
//   <!-- recipe a: insert FILE after "ANCHOR" -->  the block goes below the first line that reads ANCHOR (trailing
//                                                  spaces aside), indented two spaces deeper than that line
//   <!-- recipe a: create FILE -->                 the block is the new file
//   <!-- recipe a: run -->                         each line of the block is a shell command, run in the copy
import { execFileSync, execSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseRecipes, type Step } from './recipes/parse';
import { ROOT } from './root';

const GUIDE = join(ROOT, 'docs', 'add-an-endpoint.md');

function copyOfStarter(): string {
  const copy = mkdtempSync(join(tmpdir(), 'starter-recipes-'));
  // Tracked files only: no build output, no local results. node_modules is shared, read-only in spirit.
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

function apply(copy: string, step: Step): void {
  const target = step.file === undefined ? undefined : join(copy, step.file);
  switch (step.kind) {
    case 'create':
      mkdirSync(dirname(target!), { recursive: true });
      writeFileSync(target!, step.body);
      break;
    case 'insert': {
      const lines = readFileSync(target!, 'utf8').split('\n');
      const at = lines.findIndex((line) => line.trimEnd() === step.anchor);
      if (at < 0) throw new Error(`${step.label}: no line "${step.anchor}" in ${step.file}`);
      const indent = ' '.repeat(lines[at]!.length - lines[at]!.trimStart().length + 2);
      const block = step.body
        .trimEnd()
        .split('\n')
        .map((line) => (line ? indent + line : line));
      lines.splice(at + 1, 0, ...block);
      writeFileSync(target!, lines.join('\n'));
      break;
    }
    case 'run':
      for (const command of step.body.split('\n').filter((line) => line.trim())) {
        execSync(command, { cwd: copy, stdio: 'inherit' });
      }
      break;
  }
}

function main(): void {
  // --keep leaves the copies in place (their paths are printed) for a look at what the guide made.
  const keep = process.argv.includes('--keep');
  const recipes = parseRecipes(readFileSync(GUIDE, 'utf8'));
  for (const name of ['a', 'b']) {
    if (!recipes.get(name)?.length) throw new Error(`docs/add-an-endpoint.md has no steps for recipe ${name}`);
  }
  for (const names of [['a', 'b']]) {
    const copy = copyOfStarter();
    try {
      console.log(`\n== Recipe ${names.join(' + ').toUpperCase()} in ${copy}`);
      for (const name of names) for (const step of recipes.get(name) ?? []) apply(copy, step);
      execSync('npm test', { cwd: copy, stdio: 'inherit' });
    } finally {
      if (!keep) rmSync(copy, { recursive: true, force: true });
    }
  }
  console.log('\nBoth recipes of docs/add-an-endpoint.md pass the starter’s tests.');
}

try {
  main();
} catch (error) {
  console.error(`check:recipes failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
