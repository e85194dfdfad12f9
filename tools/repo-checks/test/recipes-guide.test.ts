import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecipes } from '../src/recipes/parse';
import { ROOT } from '../../../tests/helpers/project';

describe('the steps of docs/add-an-endpoint.md that npm run check:recipes applies', () => {
  it('reads inserts, changes, new files and commands, in order, per recipe section, and skips illustrations', () => {
    const guide = [
      '## A. First',
      'In `template.yaml`, below the line `Events:` of `Fn`:',
      '',
      '```yaml',
      '        Hi:',
      '          Type: Api',
      '```',
      'prose, then an illustration that is no step:',
      '```text',
      'Run:',
      '```',
      'In `app.ts`, change:',
      '```ts',
      "  return 'a';",
      '```',
      '',
      'to:',
      '',
      '```ts',
      "  return 'b';",
      '```',
      '## B. Second',
      'New file `goodbye/app.ts`:',
      '<!-- prettier-ignore -->',
      '```ts',
      'export {};',
      '```',
      'Run:',
      '```bash',
      'npm run event -- GET /dev/hi',
      '```',
    ].join('\n');
    const recipes = parseRecipes(guide);
    expect([...recipes.keys()]).toEqual(['a', 'b']);
    expect(recipes.get('a')?.map(({ label: _, ...step }) => step)).toEqual([
      { kind: 'insert', file: 'template.yaml', anchor: 'Events:', body: '        Hi:\n          Type: Api\n' },
      { kind: 'change', file: 'app.ts', from: "  return 'a';\n", body: "  return 'b';\n" },
    ]);
    expect(recipes.get('b')?.map(({ label: _, ...step }) => step)).toEqual([
      { kind: 'create', file: 'goodbye/app.ts', body: 'export {};\n' },
      { kind: 'run', body: 'npm run event -- GET /dev/hi\n' },
    ]);
  });

  it('refuses a step sentence without its block, and a change without "to:"', () => {
    expect(() => parseRecipes('## A. x\nRun:\n\nprose')).toThrow(/no code block follows/);
    expect(() => parseRecipes('## A. x\nIn `f`, change:\n```\na\n```\nthen:\n```\nb\n```')).toThrow(/"to:"/);
    expect(() => parseRecipes('Run:\n```\nls\n```')).toThrow(/not inside a "## A. …" recipe section/);
  });

  it('finds the three recipes in the guide, each insert anchored on a line that exists, each change found once', () => {
    const recipes = parseRecipes(readFileSync(join(ROOT, 'docs', 'add-an-endpoint.md'), 'utf8'));
    expect([...recipes.keys()]).toEqual(['a', 'b', 'c']);
    const problems = [...recipes.values()].flat().flatMap((step) => {
      if (step.kind === 'insert') {
        const lines = readFileSync(join(ROOT, step.file), 'utf8').split('\n');
        return lines.some((line) => line.trim() === step.anchor.trim()) ? [] : [`${step.label}: no such line`];
      }
      if (step.kind === 'change') {
        const found = readFileSync(join(ROOT, step.file), 'utf8').split(step.from).length - 1;
        return found === 1 ? [] : [`${step.label}: found ${found} times`];
      }
      return [];
    });
    expect(problems).toEqual([]);
  });
});
