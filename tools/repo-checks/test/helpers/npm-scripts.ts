import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../../tests/helpers/project';

/** The scripts package.json defines, by name. */
export function packageScripts(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return pkg.scripts ?? {};
}

/**
 * The package scripts a text invokes: `npm run NAME` (also `npm run-script NAME`), and `npm start` /
 * `npm test` (`npm t`), which run the scripts named start and test. A trailing `:` or `.` is prose, not the name.
 */
export function npmScriptsNamedIn(text: string): string[] {
  const named = [...text.matchAll(/\bnpm (?:run|run-script) ([\w:.-]*[\w-])/g)].map((match) => match[1] ?? '');
  const lifecycle = [...text.matchAll(/\bnpm (start|test|t)\b/g)].map((match) =>
    match[1] === 't' ? 'test' : (match[1] ?? ''),
  );
  return [...new Set([...named, ...lifecycle])];
}
