import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRecipes } from '../src/recipes/parse';
import { ROOT } from '../../../tests/helpers/project';

describe('the steps of docs/add-an-endpoint.md that npm run check:recipes applies', () => {
  it('reads inserts, new files and commands, in order, per recipe', () => {
    const guide = [
      '<!-- recipe a: insert template.yaml after "      Events:" -->',
      '',
      '```yaml',
      'Hi:',
      '  Type: Api',
      '```',
      'prose',
      '<!-- recipe b: create goodbye/app.ts -->',
      '```ts',
      'export {};',
      '```',
      '<!-- recipe a: run -->',
      '```bash',
      'npm run event -- GET /dev/hi',
      '```',
    ].join('\n');
    const recipes = parseRecipes(guide);
    expect(recipes.get('a')).toEqual([
      {
        label: 'recipe a: insert template.yaml after "      Events:"',
        kind: 'insert',
        file: 'template.yaml',
        anchor: '      Events:',
        body: 'Hi:\n  Type: Api\n',
      },
      { label: 'recipe a: run', kind: 'run', body: 'npm run event -- GET /dev/hi\n' },
    ]);
    expect(recipes.get('b')).toEqual([
      { label: 'recipe b: create goodbye/app.ts', kind: 'create', file: 'goodbye/app.ts', body: 'export {};\n' },
    ]);
  });

  it('finds both recipes in the guide, each anchored on a line that exists', () => {
    const recipes = parseRecipes(readFileSync(join(ROOT, 'docs', 'add-an-endpoint.md'), 'utf8'));
    expect([...recipes.keys()].sort()).toEqual(['a', 'b']);
    const inserts = [...recipes.values()].flat().filter((step) => step.kind === 'insert');
    const missing = inserts.filter((step) => {
      const lines = readFileSync(join(ROOT, step.file!), 'utf8').split('\n');
      return !lines.some((line) => line.trimEnd() === step.anchor);
    });
    expect(missing.map((step) => step.label)).toEqual([]);
  });
});
