import type { ResolutionNote } from './resolve-template';

// Paths named per function before the line says "and N more".
const PATHS_SHOWN = 3;
const LANGUAGE_EXTENSIONS = ['Fn::ForEach', 'Fn::Length', 'Fn::ToJsonString'];

/**
 * One start-up line naming the functions of the template that are not evaluated locally at all (Fn::Cidr,
 * Fn::ForEach, a macro other than AWS::Include, …) and where they are: they stay as written, as under sam local.
 */
export function unevaluatedLine(notes: readonly ResolutionNote[]): string | undefined {
  const byFunction = new Map<string, string[]>();
  for (const { unevaluated, path } of notes) {
    if (unevaluated !== undefined)
      byFunction.set(unevaluated, [...(byFunction.get(unevaluated) ?? []), path.join('.')]);
  }
  if (byFunction.size === 0) return undefined;
  const parts = [...byFunction].map(([fn, paths]) => {
    const more = paths.length > PATHS_SHOWN ? ` and ${paths.length - PATHS_SHOWN} more` : '';
    return `${fn} at ${paths.slice(0, PATHS_SHOWN).join(', ')}${more}`;
  });
  const extensions = [...byFunction.keys()].some((fn) => LANGUAGE_EXTENSIONS.includes(fn))
    ? ' sam local expands the AWS::LanguageExtensions functions only with --language-extensions.'
    : '';
  return `Not evaluated locally, left as written as under sam local ("" as an environment variable): ${parts.join('; ')}.${extensions}`;
}
