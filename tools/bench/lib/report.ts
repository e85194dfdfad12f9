import type { BuiltCandidate, CandidateName } from './candidates';
import { CANDIDATE_LABELS, CANDIDATE_NAMES } from './candidates';
import type { ColdResult, ColdRun } from './cold';
import { integer, markdownTable, ms, spreadText, times } from './format';
import type { LoadResult, ServerName } from './local-api';
import { SERVER_LABELS } from './local-api';
import type { NodeRuntime } from './node-versions';
import { ratio } from './stats';
import type { WarmResult } from './warm';

export interface NodeRun {
  node: NodeRuntime;
  cold: ColdRun;
  warm: Record<CandidateName, WarmResult>;
  localApi?: Record<ServerName, LoadResult>;
}

export interface Ratios {
  coldWall: number;
  coldInProcess: number;
  firstInvocation: number;
  warmP50: number;
  warmP99: number;
}

/** Project ÷ baseline for each figure the issue asks about, medians of the same run. */
export function ratios(run: NodeRun, baseline: CandidateName): Ratios {
  const c = run.cold.candidates;
  return {
    coldWall: ratio(c.project.wallMs.median, c[baseline].wallMs.median),
    coldInProcess: ratio(c.project.inProcessMs.median, c[baseline].inProcessMs.median),
    firstInvocation: ratio(c.project.firstInvocationMs.median, c[baseline].firstInvocationMs.median),
    warmP50: ratio(run.warm.project.p50Us, run.warm[baseline].p50Us),
    warmP99: ratio(run.warm.project.p99Us, run.warm[baseline].p99Us),
  };
}

export interface Target {
  node: string;
  target: string;
  value: string;
  met: boolean;
}

/** The bundle target in bytes: 36 kB read strictly as 36,000 bytes. */
export const BUNDLE_TARGET_BYTES = 36_000;

export function targets(runs: NodeRun[], bundles: Record<CandidateName, BuiltCandidate>): Target[] {
  const list: Target[] = [];
  const project = bundles.project.minifiedBytes;
  list.push({
    node: 'any',
    target: `bundle ≤ ${integer(BUNDLE_TARGET_BYTES)} bytes minified`,
    value: `${integer(project)} bytes`,
    met: project <= BUNDLE_TARGET_BYTES,
  });
  for (const run of runs) {
    const node = run.node.label;
    const floor = ratios(run, 'floor');
    const first = run.cold.candidates.project.firstInvocationMs.median;
    list.push(
      {
        node,
        target: 'cold, in-process ≤ 1.05× floor',
        value: times(floor.coldInProcess),
        met: floor.coldInProcess <= 1.05,
      },
      {
        node,
        target: 'cold, process wall time ≤ 1.05× floor',
        value: times(floor.coldWall),
        met: floor.coldWall <= 1.05,
      },
      { node, target: 'first invocation ≤ 0.5 ms', value: `${ms(first, 3)} ms`, met: first <= 0.5 },
      { node, target: 'warm p50 ≤ 1.10× floor', value: times(floor.warmP50), met: floor.warmP50 <= 1.1 },
      { node, target: 'warm p99 ≤ 1.25× floor', value: times(floor.warmP99), met: floor.warmP99 <= 1.25 },
    );
    if (run.localApi) {
      const api = run.localApi;
      const share = ratio(api['local-api'].requestsPerSecond, api['bare-http'].requestsPerSecond);
      list.push(
        { node, target: 'local API ≥ 0.5× bare node:http req/s', value: times(share), met: share >= 0.5 },
        {
          node,
          target: 'local API p99 ≤ 5 ms',
          value: `${ms(api['local-api'].p99Ms)} ms`,
          met: api['local-api'].p99Ms <= 5,
        },
      );
    }
  }
  return list;
}

/** The cold-start columns every table shares: wall, in-process, load, first invocation, peak RSS. */
export function coldCells(result: ColdResult): string[] {
  return [
    spreadText(result.wallMs),
    spreadText(result.inProcessMs),
    spreadText(result.loadMs),
    spreadText(result.firstInvocationMs, 3),
    ms(result.peakRssMb.median, 1),
  ];
}

export interface ReportInput {
  runs: NodeRun[];
  bundles: Record<CandidateName, BuiltCandidate>;
  composition: Array<{ source: string; bytes: number }>;
  coldRounds: number;
  warmInvocations: number;
  eventName: string;
  connections: number;
  durationSeconds: number;
}

export function renderReport(input: ReportInput): string {
  const { runs, bundles } = input;
  const sections: string[] = [];

  sections.push(
    '#### Bundles (built once, template.yaml BuildProperties)\n\n' +
      markdownTable(
        ['candidate', 'minified (bytes)', 'gzipped (bytes)'],
        CANDIDATE_NAMES.map((name) => [
          CANDIDATE_LABELS[name],
          integer(bundles[name].minifiedBytes),
          integer(bundles[name].gzippedBytes),
        ]),
      ) +
      `\n\nThe project's bundle by source (minified bytes): ` +
      input.composition.map(({ source, bytes }) => `${source} ${integer(bytes)}`).join(', ') +
      '.',
  );

  sections.push(
    `#### Cold start: ${input.coldRounds} fresh processes per candidate, interleaved; first invocation with ` +
      `events/${input.eventName}; min / **median** / max\n\n` +
      markdownTable(
        [
          'Node',
          'candidate',
          'process wall − `node -e 0` (ms)',
          'in-process: load + first (ms)',
          'module load (ms)',
          'first invocation (ms)',
          'peak RSS (MB)',
        ],
        runs.flatMap((run) =>
          CANDIDATE_NAMES.map((name) => {
            const c = run.cold.candidates[name];
            return [run.node.label, CANDIDATE_LABELS[name], ...coldCells(c)];
          }),
        ),
      ) +
      '\n\n' +
      runs
        .map((run) => `\`node -e 0\` on ${run.node.label}: median ${ms(run.cold.nodeBaselineMs.median)} ms.`)
        .join(' '),
  );

  sections.push(
    `#### Warm: ${integer(input.warmInvocations)} invocations in one process after the first; logs to /dev/null\n\n` +
      markdownTable(
        ['Node', 'candidate', 'p50 (µs)', 'p99 (µs)', 'max (µs)'],
        runs.flatMap((run) =>
          CANDIDATE_NAMES.map((name) => {
            const w = run.warm[name];
            return [run.node.label, CANDIDATE_LABELS[name], ms(w.p50Us, 1), ms(w.p99Us, 1), ms(w.maxUs, 0)];
          }),
        ),
      ),
  );

  sections.push(
    '#### Ratios (medians of this run)\n\n' +
      markdownTable(
        ['Node', 'ratio', 'cold, wall', 'cold, in-process', 'first invocation', 'warm p50', 'warm p99'],
        runs.flatMap((run) =>
          (['floor', 'bare'] as const).map((baseline) => {
            const r = ratios(run, baseline);
            return [
              run.node.label,
              `project ÷ ${CANDIDATE_LABELS[baseline]}`,
              times(r.coldWall),
              times(r.coldInProcess),
              times(r.firstInvocation),
              times(r.warmP50),
              times(r.warmP99),
            ];
          }),
        ),
      ),
  );

  const apiRuns = runs.filter((run) => run.localApi);
  if (apiRuns.length > 0) {
    sections.push(
      `#### Local API: autocannon, GET /hello, ${input.connections} connections, ${input.durationSeconds} s each, ` +
        'after a warm-up\n\n' +
        markdownTable(
          ['Node', 'server', 'requests/s', 'p50 (ms)', 'p99 (ms)', 'errors', 'req/s ÷ bare'],
          apiRuns.flatMap((run) => {
            const api = run.localApi as Record<ServerName, LoadResult>;
            return (['local-api', 'bare-http'] as const).map((server) => [
              run.node.label,
              SERVER_LABELS[server],
              integer(api[server].requestsPerSecond),
              ms(api[server].p50Ms),
              ms(api[server].p99Ms),
              integer(api[server].errors),
              times(ratio(api[server].requestsPerSecond, api['bare-http'].requestsPerSecond)),
            ]);
          }),
        ),
    );
  }

  sections.push(
    '#### Targets\n\n' +
      markdownTable(
        ['Node', 'target', 'this run', 'met'],
        targets(runs, bundles).map((t) => [t.node, t.target, t.value, t.met ? 'yes' : '**no**']),
      ),
  );
  return sections.join('\n\n');
}
