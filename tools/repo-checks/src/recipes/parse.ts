/** One step of a recipe in docs/add-an-endpoint.md: a marker comment and the fenced block after it. */
export interface Step {
  label: string;
  kind: 'insert' | 'create' | 'run';
  file?: string;
  anchor?: string;
  body: string;
}

// The anchor is quoted with "…" or, when it holds double quotes itself, with '…'.
const MARKER =
  /<!-- recipe (\w+): (insert (\S+) after (?:"([^"]*)"|'([^']*)')|create (\S+)|run) -->\s*\n```\w*\n([\s\S]*?)```/g;

/** The steps of each recipe, by recipe name, in the order the guide gives them. */
export function parseRecipes(markdown: string): Map<string, Step[]> {
  const recipes = new Map<string, Step[]>();
  for (const match of markdown.matchAll(MARKER)) {
    const [, name = '', action = '', insertFile, doubleQuoted, singleQuoted, createFile, body = ''] = match;
    const anchor = doubleQuoted ?? singleQuoted;
    const label = `recipe ${name}: ${action}`;
    const step: Step = action.startsWith('insert')
      ? { label, kind: 'insert', file: insertFile!, anchor: anchor!, body }
      : action.startsWith('create')
        ? { label, kind: 'create', file: createFile!, body }
        : { label, kind: 'run', body };
    recipes.set(name, [...(recipes.get(name) ?? []), step]);
  }
  return recipes;
}
