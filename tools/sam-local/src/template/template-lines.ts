import type { LoadedTemplate } from './template';
import { unevaluatedLine } from './unevaluated';

/** The start-up lines about the template itself: how it was read, and what is not evaluated locally. */
export function templateLines(loaded: LoadedTemplate): string[] {
  const unevaluated = unevaluatedLine(loaded.notes ?? []);
  return [...(loaded.readNotes ?? []), ...(unevaluated ? [unevaluated] : [])];
}
