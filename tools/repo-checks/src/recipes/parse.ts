/**
 * One step of a recipe in docs/add-an-endpoint.md. Each step is a visible sentence, then its fenced block(s),
 * shown with the indentation they have in the file:
 *   In `FILE`, below the line `ANCHOR` …:   the block goes, as shown, below the first line that reads ANCHOR
 *                                          (indentation and trailing spaces aside)
 *   In `FILE`, change:  BLOCK  to:  BLOCK  the first block, found exactly once in FILE, becomes the second
 *   New file `FILE`:                       the block is the new file
 *   Run:                                   each line of the block is a shell command, run in the copy
 * The recipe a step belongs to is the section it is in: `## A. …` is recipe a.
 */
export type Step =
  | { label: string; kind: 'insert'; file: string; anchor: string; body: string }
  | { label: string; kind: 'change'; file: string; from: string; body: string }
  | { label: string; kind: 'create'; file: string; body: string }
  | { label: string; kind: 'run'; body: string };

const SECTION = /^## ([A-Z])\. /;
const INSERT = /^In `([^`]+)`, below the line `([^`]+)`.*:$/;
const CHANGE = /^In `([^`]+)`, change:$/;
const CREATE = /^New file `([^`]+)`:$/;
const RUN = /^Run:$/;
const FENCE = /^```/;

/** The steps of each recipe, by recipe name (a, b, …), in the order the guide gives them. */
export function parseRecipes(markdown: string): Map<string, Step[]> {
  const lines = markdown.split('\n');
  const recipes = new Map<string, Step[]>();
  let recipe: string | undefined;
  let at = 0;

  // The fenced block that starts at the next line with content after `from` (a prettier-ignore comment aside).
  const blockAfter = (from: number): { body: string; end: number } | undefined => {
    let start = from;
    while (start < lines.length && (lines[start]!.trim() === '' || lines[start]!.trim() === '<!-- prettier-ignore -->'))
      start++;
    if (!FENCE.test(lines[start] ?? '')) return undefined;
    const close = lines.findIndex((line, i) => i > start && FENCE.test(line));
    if (close < 0) throw new Error(`the block at line ${start + 1} is never closed`);
    return { body: lines.slice(start + 1, close).join('\n') + '\n', end: close + 1 };
  };

  const add = (step: Step): void => {
    if (recipe === undefined) throw new Error(`${step.label}: not inside a "## A. …" recipe section`);
    recipes.set(recipe, [...(recipes.get(recipe) ?? []), step]);
  };

  while (at < lines.length) {
    const line = lines[at]!.trim();
    const section = SECTION.exec(line);
    if (section) recipe = section[1]!.toLowerCase();
    const label = `recipe ${recipe ?? '?'}, line ${at + 1}: ${line}`;
    const needBlock = (from: number) => {
      const block = blockAfter(from);
      if (!block) throw new Error(`${label}: no code block follows`);
      return block;
    };
    let match: RegExpExecArray | null;
    if ((match = INSERT.exec(line))) {
      const block = needBlock(at + 1);
      add({ label, kind: 'insert', file: match[1]!, anchor: match[2]!, body: block.body });
      at = block.end;
    } else if ((match = CHANGE.exec(line))) {
      const from = needBlock(at + 1);
      let next = from.end;
      while (lines[next]?.trim() === '') next++;
      if (lines[next]?.trim() !== 'to:') throw new Error(`${label}: "to:" and the new text must follow the old text`);
      const to = needBlock(next + 1);
      add({ label, kind: 'change', file: match[1]!, from: from.body, body: to.body });
      at = to.end;
    } else if ((match = CREATE.exec(line))) {
      const block = needBlock(at + 1);
      add({ label, kind: 'create', file: match[1]!, body: block.body });
      at = block.end;
    } else if (RUN.test(line)) {
      const block = needBlock(at + 1);
      add({ label, kind: 'run', body: block.body });
      at = block.end;
    } else if (FENCE.test(line)) {
      // A block that is no step (an illustration): skip it whole, so its content is never read as a step.
      const close = lines.findIndex((l, i) => i > at && FENCE.test(l));
      at = close < 0 ? lines.length : close + 1;
    } else {
      at++;
    }
  }
  return recipes;
}
