import type { BuiltCandidate, CandidateName } from './candidates';
import { CANDIDATE_LABELS, CANDIDATE_NAMES } from './candidates';
import type { ColdResult } from './cold';
import { integer, markdownTable, ms, spreadText, times } from './format';
import type { LoadResult, ServerName } from './local-api';
import { SERVER_LABELS } from './local-api';
import type { NodeRun } from './node-run';
import { ratio } from './stats';
import { targets } from './targets';

export interface Ratios {
  coldWall: number;
  coldInProcess: number;
  firstInvocation: number;
  warmP50: number;
  warmP99: number;
}

/** Project ÷ baseline, medians of the same run. */
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

/** The cold-start columns every table shares, headers first. */
export const COLD_HEADERS = [
  'process wall − `node -e 0` (ms)',
  'in-process: load + first (ms)',
  'load + first, CPU time (ms)',
  'module load (ms)',
  'first invocation (ms)',
  'peak RSS (MB)',
];

export function coldCells(result: ColdResult): string[] {
  return [
    spreadText(result.wallMs),
    spreadText(result.inProcessMs),
    spreadText(result.inProcessCpuMs),
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
        ['Node', 'candidate', ...COLD_HEADERS],
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
    '#### Targets: the function against the required-work floor, and the local API (medians of this run)\n\n' +
      markdownTable(
        ['Node', 'target', 'this run', 'met'],
        targets(runs, bundles).map((t) => [t.node, t.target, t.value, t.met ? 'yes' : '**no**']),
      ),
  );
  return sections.join('\n\n');
}
