// Start → first 200: from spawning the tool's command to the first 200 from GET /hello?name=Ada, polled every 5 ms
// on fresh connections. Cold: an empty TMPDIR (so tsx's transform cache is empty, for the handlers serverless-offline
// and the floor run from TypeScript), an empty cache for sam-local's bundle of its own sources (its first start after
// an install or an edit of the toolkit) and no build output (.aws-sam); warm: all left from the tool's previous
// start, as on a developer's second `npm start`. Samples alternate between the tools in rotating order.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { rotated } from './rotation';
import { launchReady, type ToolName, type Tooling } from './tools';

export interface StartTimes {
  cold: number[];
  warm: number[];
}

export interface StartSettings {
  tools: ToolName[];
  dirs: Record<ToolName, string>;
  rounds: number;
  tooling: Tooling;
  scratch: string;
  log: (line: string) => void;
}

const FIRST_200_DEADLINE_MS = 120_000;

async function startOnce(tool: ToolName, settings: StartSettings, cold: boolean, warmTmp: string): Promise<number> {
  const dir = settings.dirs[tool];
  if (cold) rmSync(join(dir, '.aws-sam'), { recursive: true, force: true });
  const tmpDir = cold ? mkdtempSync(join(settings.scratch, `tmp-cold-${tool}-`)) : warmTmp;
  const logFile = join(settings.scratch, `${tool}-start.log`);
  try {
    const { running, startedAt, answeredAt } = await launchReady(
      { tool, dir, tmpDir, cold, logFile },
      settings.tooling,
      '/hello?name=Ada',
      FIRST_200_DEADLINE_MS,
    );
    await running.stop();
    return answeredAt - startedAt;
  } finally {
    if (cold) rmSync(tmpDir, { recursive: true, force: true });
  }
}

export async function measureStarts(settings: StartSettings): Promise<Record<ToolName, StartTimes>> {
  const times = Object.fromEntries(settings.tools.map((tool) => [tool, { cold: [], warm: [] }])) as unknown as Record<
    ToolName,
    StartTimes
  >;
  const warmTmp = Object.fromEntries(
    settings.tools.map((tool) => {
      const dir = join(settings.scratch, `tmp-warm-${tool}`);
      mkdirSync(dir, { recursive: true });
      return [tool, dir];
    }),
  ) as Record<ToolName, string>;
  // One start each, not recorded, so that the first warm sample finds the caches a second start finds.
  for (const tool of settings.tools) await startOnce(tool, settings, false, warmTmp[tool]);
  for (let round = 0; round < settings.rounds; round += 1) {
    settings.log(`  start round ${round + 1}/${settings.rounds}`);
    for (const tool of rotated(settings.tools, round)) {
      times[tool].cold.push(await startOnce(tool, settings, true, warmTmp[tool]));
      times[tool].warm.push(await startOnce(tool, settings, false, warmTmp[tool]));
    }
  }
  return times;
}
