import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { npmScriptsNamedIn, packageScripts } from './helpers/npm-scripts';
import { EVENTS_DIR, eventFiles, ROOT } from './helpers/project';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Event files the README names: `events/x.json` paths anywhere, and the `x.json` rows of its events table. */
function eventFilesNamed(text: string): string[] {
  const paths = [...text.matchAll(/\bevents\/([\w.-]+\.json)\b/g)].map((match) => match[1] ?? '');
  const tableRows = [...text.matchAll(/^\| `([\w.-]+\.json)`/gm)].map((match) => match[1] ?? '');
  return [...new Set([...paths, ...tableRows])].sort();
}

describe('README.md', () => {
  it('names only npm scripts that package.json defines', () => {
    const named = npmScriptsNamedIn(readme);
    expect(named).toContain('test');
    const defined = Object.keys(packageScripts());
    expect(named.filter((script) => !defined.includes(script))).toEqual([]);
  });

  it('names only event files that exist in events/', () => {
    const named = eventFilesNamed(readme);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((file) => !existsSync(join(EVENTS_DIR, file)))).toEqual([]);
  });

  it('lists every file in events/ in its events table', () => {
    const rows = [...readme.matchAll(/^\| `([\w.-]+\.json)`/gm)].map((match) => match[1]);
    expect(eventFiles().filter((file) => !rows.includes(file))).toEqual([]);
  });
});

describe('the README checks themselves', () => {
  it('find npm run, npm start and npm test, and event paths and table rows', () => {
    expect(
      npmScriptsNamedIn(
        'npm ci && npm test; npm run lint:fix -- --x; npm start\nnpm run-script test:deployed\nsee npm run invoke: it',
      ),
    ).toEqual(['lint:fix', 'test:deployed', 'invoke', 'test', 'start']);
    expect(npmScriptsNamedIn('npm ci && npm install')).toEqual([]);
    expect(eventFilesNamed('sam local invoke -e events/a-b.json\n| `c.json` | x |\nsee d.json')).toEqual([
      'a-b.json',
      'c.json',
    ]);
  });
});
