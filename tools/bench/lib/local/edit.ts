// Edit → new code served: with the tool running and warm, a handler's source is rewritten on disk (a new word in
// its answer), then GET is repeated every 5 ms until an answer carries the new word; the time from just before the
// write to that answer. Each tool serves its own copy of the project, so an edit reaches only the tool measured.
// Reloading: sam-local's watch mode (on by default), serverless-offline's --reloadHandler (a fresh worker thread
// that loads the handler for every request; without it, an edit is never served), `node --watch` for the floor
// (Node restarts the plain server when a file it loaded changes).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil } from './http';
import { EDITS } from './project';
import { rotated } from './rotation';
import { launchReady, type Running, type ToolName, type Tooling } from './tools';

export type EditName = keyof typeof EDITS;
export const EDIT_NAMES = Object.keys(EDITS) as EditName[];
export const EDIT_LABELS: Record<EditName, string> = {
  trivial: 'trivial/handler.ts (the trivial handler)',
  hello: 'hello-world/greeting.ts (imported by the starter’s app.ts)',
};
const EDIT_PATHS: Record<EditName, string> = { trivial: '/trivial', hello: '/hello?name=Ada' };

const SERVED_DEADLINE_MS = 30_000;
// Between samples: lets a watcher finish with the last change before the next one.
const SETTLE_MS = 500;

export interface EditSettings {
  tools: ToolName[];
  dirs: Record<ToolName, string>;
  rounds: number;
  tooling: Tooling;
  scratch: string;
  log: (line: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureEdits(settings: EditSettings): Promise<Record<ToolName, Record<EditName, number[]>>> {
  const times = Object.fromEntries(
    settings.tools.map((tool) => [tool, Object.fromEntries(EDIT_NAMES.map((edit) => [edit, [] as number[]]))]),
  ) as Record<ToolName, Record<EditName, number[]>>;
  const originals = new Map<string, string>();
  const running: Partial<Record<ToolName, Running>> = {};
  try {
    for (const tool of settings.tools) {
      const logFile = join(settings.scratch, `${tool}-edit.log`);
      const { running: server } = await launchReady(
        { tool, dir: settings.dirs[tool], reload: true, logFile },
        settings.tooling,
        EDIT_PATHS.trivial,
        120_000,
      );
      running[tool] = server;
      for (const edit of EDIT_NAMES) {
        await pollUntil(`${server.url}${EDIT_PATHS[edit]}`, (a) => a.status === 200, 120_000);
        const file = join(settings.dirs[tool], EDITS[edit].file);
        originals.set(file, readFileSync(file, 'utf8'));
      }
    }
    let sample = 0;
    for (let round = 0; round < settings.rounds; round += 1) {
      settings.log(`  edit round ${round + 1}/${settings.rounds}`);
      for (const tool of rotated(settings.tools, round)) {
        for (const edit of EDIT_NAMES) {
          sample += 1;
          const token = `v${sample}x${round}`;
          const file = join(settings.dirs[tool], EDITS[edit].file);
          const text = (originals.get(file) as string).replace(EDITS[edit].original, EDITS[edit].edited(token));
          const url = `${(running[tool] as Running).url}${EDIT_PATHS[edit]}`;
          const started = performance.now();
          writeFileSync(file, text);
          const served = await pollUntil(url, (a) => a.status === 200 && a.body.includes(token), SERVED_DEADLINE_MS);
          times[tool][edit].push(served - started);
          await sleep(SETTLE_MS);
        }
      }
    }
  } finally {
    await Promise.all(Object.values(running).map((server) => server.stop()));
    for (const [file, text] of originals) writeFileSync(file, text);
  }
  return times;
}
