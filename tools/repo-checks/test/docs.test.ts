// The commands and links in README.md and docs/ must work as written: every npm script they run exists, every
// file they hand to a command or link to exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { npmScriptsNamedIn, packageScripts } from './helpers/npm-scripts';
import { ROOT } from '../../../tests/helpers/project';

const DOCS = [
  join(ROOT, 'README.md'),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => join(ROOT, 'docs', file)),
];

/** Files a text hands to a command: `events/….json` paths, and the values of --env-vars, -e and --template. */
function filesNamedIn(text: string): string[] {
  const events = [...text.matchAll(/\bevents\/[\w.-]+\.json\b/g)].map((match) => match[0]);
  const flags = [...text.matchAll(/(?:--env-vars|--template|-e) ([\w./-]+\.(?:json|yaml))\b/g)].map((m) => m[1] ?? '');
  return [...new Set([...events, ...flags])];
}

/** Relative link targets of a Markdown text (anchors and query strings dropped). */
function linksIn(text: string): string[] {
  return [...text.matchAll(/\]\(([^)#?\s]+)[^)]*\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

// The recipes of docs/add-an-endpoint.md create files that do not exist until someone follows them.
const CREATED_BY_RECIPES = /^(events\/(hello-v1|goodbye)\.json|goodbye\/)/;

describe.each(DOCS.map((path) => [relative(ROOT, path), path]))('%s', (_name, path) => {
  const text = readFileSync(path, 'utf8');

  it('runs only npm scripts that package.json defines', () => {
    const defined = Object.keys(packageScripts());
    expect(npmScriptsNamedIn(text).filter((script) => !defined.includes(script))).toEqual([]);
  });

  it('hands commands only files that exist', () => {
    const missing = filesNamedIn(text).filter(
      (file) => !CREATED_BY_RECIPES.test(file) && !existsSync(join(ROOT, file)),
    );
    expect(missing).toEqual([]);
  });

  it('links only to files that exist', () => {
    const missing = linksIn(text).filter((target) => !existsSync(join(dirname(path), target)));
    expect(missing).toEqual([]);
  });
});

describe('the docs checks themselves', () => {
  it('find npm run, npm start and npm test', () => {
    expect(
      npmScriptsNamedIn(
        'npm ci && npm test; npm run lint:fix -- --x; npm start\nnpm run-script test:deployed\nsee npm run invoke: it',
      ),
    ).toEqual(['lint:fix', 'test:deployed', 'invoke', 'test', 'start']);
    expect(npmScriptsNamedIn('npm ci && npm install')).toEqual([]);
  });

  it('find event paths, flag values and relative links', () => {
    expect(filesNamedIn('sam local invoke -e events/a-b.json --env-vars env.x.json\nsee d.json')).toEqual([
      'events/a-b.json',
      'env.x.json',
    ]);
    expect(linksIn('[a](docs/x.md) [b](https://x.y) [c](../y.md#part) [d](#top)')).toEqual(['docs/x.md', '../y.md']);
  });
});
