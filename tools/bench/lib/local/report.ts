// bench:local's Markdown: each figure of each tool with its ratios to the floor and to serverless-offline, then the
// targets. Ratios are tool ÷ reference of the medians: below 1× is faster for times and memory, slower for req/s.
import { integer, markdownTable, ms, spreadText, times } from '../format';
import { ratio, spread } from '../stats';
import { EDIT_LABELS, type EditName } from './edit';
import { figuresOf, targetChecks, type Figure, type LocalResults } from './figures';
import { TOOL_LABELS, type ToolName } from './tools';

export interface LocalReportInput {
  results: LocalResults;
  rounds: { start: number; edit: number; load: number };
  sliceSeconds: number;
}

function figureRows(figures: Figure[], detail: (figure: Figure, tool: ToolName) => string, digits: number): string[][] {
  return figures.flatMap((figure) =>
    (Object.keys(figure.values) as ToolName[]).map((tool) => {
      const value = figure.values[tool] as number;
      const floor = figure.values.floor;
      const peer = figure.values['serverless-offline'];
      return [
        figure.name,
        TOOL_LABELS[tool],
        figure.unit === 'req/s' ? integer(value) : ms(value, digits),
        floor === undefined ? 'n/a' : times(ratio(value, floor)),
        peer === undefined ? 'n/a' : times(ratio(value, peer)),
        detail(figure, tool),
      ];
    }),
  );
}

function table(
  figures: Figure[],
  detailHeader: string,
  detail: (f: Figure, t: ToolName) => string,
  digits = 1,
): string {
  return markdownTable(
    ['figure', 'tool', 'median', '÷ floor', '÷ serverless-offline', detailHeader],
    figureRows(figures, detail, digits),
  );
}

export function renderLocalReport(input: LocalReportInput): string {
  const { results } = input;
  const figures = figuresOf(results);
  const named = (prefix: string): Figure[] => figures.filter((f) => f.name.startsWith(prefix));
  const sections: string[] = [];
  // A part left out of the run (--only) has no figures and no section.
  const measured = (prefix: string, section: () => string): void => {
    if (named(prefix).length > 0) sections.push(section());
  };

  measured(
    'start',
    () =>
      `#### Start → first 200 (ms): ${input.rounds.start} cold and ${input.rounds.start} warm starts per tool, interleaved\n\n` +
      table(
        named('start'),
        'min / **median** / max',
        (f, tool) => spreadText(spread(results.start[tool][f.name.endsWith('cold') ? 'cold' : 'warm']), 0),
        0,
      ),
  );

  measured(
    'edit',
    () =>
      `#### Edit → new code served (ms): ${input.rounds.edit} edits per file per tool, interleaved\n\n` +
      table(
        named('edit'),
        'min / **median** / max',
        (f, tool) => {
          const edit = f.name.replace('edit → served, ', '') as EditName;
          return spreadText(spread(results.edit[tool][edit]), 0);
        },
        0,
      ) +
      '\n\n' +
      (Object.keys(EDIT_LABELS) as EditName[]).map((edit) => `\`${edit}\`: ${EDIT_LABELS[edit]}.`).join(' '),
  );

  measured(
    'latency',
    () =>
      `#### Per-request latency (ms): closed-loop clients, ${input.rounds.load} slices of ${input.sliceSeconds} s per ` +
      'cell, interleaved, after a warm-up; percentiles of every response\n\n' +
      table(
        named('latency'),
        'responses (errors)',
        (f, tool) => {
          const cell = results.latency.find(
            (c) => c.tool === tool && f.name.endsWith(`${c.handler}, ${c.clients} client${c.clients === 1 ? '' : 's'}`),
          );
          return cell ? `${integer(cell.responses)} (${integer(cell.errors)})` : 'n/a';
        },
        2,
      ),
  );

  measured(
    'throughput',
    () =>
      `#### Throughput (requests/s), the starter's function, N clients, N environments; median of ${input.rounds.load} ` +
      'slices\n\n' +
      table(named('throughput'), 'slices: min / **median** / max (errors)', (f, tool) => {
        const cell = results.throughput.find(
          (c) => c.tool === tool && f.name.includes(` ${c.environments} environment`),
        );
        return cell ? `${spreadText(spread(cell.perSlice), 0)} (${integer(cell.errors)})` : 'n/a';
      }),
  );

  measured(
    'memory',
    () =>
      '#### Memory (MiB): the server and every process it started, after its last throughput slice\n\n' +
      table(named('memory'), 'processes; RSS summed', (f, tool) => {
        const cell = results.throughput.find(
          (c) => c.tool === tool && f.name.includes(` ${c.environments} environment`),
        );
        return cell ? `${cell.memory.processes}; ${ms(cell.memory.rssMiB, 1)}` : 'n/a';
      }),
  );

  sections.push(
    '#### Targets for sam-local (medians of this run)\n\n' +
      markdownTable(
        ['target', 'this run', 'met'],
        targetChecks(results, figures).map((t) => [t.target, t.value, t.met ? 'yes' : '**no**']),
      ),
  );
  return sections.join('\n\n');
}
