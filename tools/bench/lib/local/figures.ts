// What one bench:local run measured, reduced to the medians the report compares, and the targets read from them.
import { median } from '../stats';
import type { EditName } from './edit';
import type { LatencyCell, ThroughputCell } from './requests';
import type { StartTimes } from './start';
import type { ToolName } from './tools';

export interface LocalResults {
  start: Record<ToolName, StartTimes>;
  edit: Record<ToolName, Record<EditName, number[]>>;
  latency: LatencyCell[];
  throughput: ThroughputCell[];
}

/** One figure of every tool, and which way is better. */
export interface Figure {
  name: string;
  unit: string;
  lowerIsBetter: boolean;
  values: Partial<Record<ToolName, number>>;
}

function byTool<T>(tools: ToolName[], value: (tool: ToolName) => T | undefined): Partial<Record<ToolName, T>> {
  const out: Partial<Record<ToolName, T>> = {};
  for (const tool of tools) {
    const v = value(tool);
    if (v !== undefined) out[tool] = v;
  }
  return out;
}

/** The median, or nothing for a part of the run that was not measured. */
function medianOf(values: number[]): number | undefined {
  return values.length === 0 ? undefined : median(values);
}

/** Every figure of the run as medians (latency: percentiles of the pooled responses), in report order. */
export function figuresOf(results: LocalResults): Figure[] {
  const tools = Object.keys(results.start) as ToolName[];
  const figures: Figure[] = [];
  for (const kind of ['cold', 'warm'] as const) {
    figures.push({
      name: `start → first 200, ${kind}`,
      unit: 'ms',
      lowerIsBetter: true,
      values: byTool(tools, (tool) => medianOf(results.start[tool][kind])),
    });
  }
  for (const edit of Object.keys(results.edit[tools[0] as ToolName] ?? {}) as EditName[]) {
    figures.push({
      name: `edit → served, ${edit}`,
      unit: 'ms',
      lowerIsBetter: true,
      values: byTool(tools, (tool) => medianOf(results.edit[tool][edit])),
    });
  }
  const cells = new Map<string, LatencyCell[]>();
  for (const cell of results.latency) {
    const key = `${cell.handler}, ${cell.clients} client${cell.clients === 1 ? '' : 's'}`;
    cells.set(key, [...(cells.get(key) ?? []), cell]);
  }
  for (const [key, group] of cells) {
    for (const p of ['p50', 'p99'] as const) {
      figures.push({
        name: `latency ${p}, ${key}`,
        unit: 'ms',
        lowerIsBetter: true,
        values: byTool(tools, (tool) => group.find((c) => c.tool === tool)?.[`${p}Ms`]),
      });
    }
  }
  const environments = [...new Set(results.throughput.map((cell) => cell.environments))];
  for (const n of environments) {
    const group = results.throughput.filter((cell) => cell.environments === n);
    figures.push({
      name: `throughput, ${n} environment${n === 1 ? '' : 's'}`,
      unit: 'req/s',
      lowerIsBetter: false,
      values: byTool(tools, (tool) => {
        const cell = group.find((c) => c.tool === tool);
        return cell ? median(cell.perSlice) : undefined;
      }),
    });
  }
  for (const n of environments) {
    const group = results.throughput.filter((cell) => cell.environments === n);
    figures.push({
      name: `memory (PSS), ${n} environment${n === 1 ? '' : 's'}`,
      unit: 'MiB',
      lowerIsBetter: true,
      values: byTool(tools, (tool) => group.find((c) => c.tool === tool)?.memory.pssMiB),
    });
  }
  // A part left out of the run (--only) has no values.
  return figures.filter((figure) => Object.keys(figure.values).length > 0);
}

export interface TargetCheck {
  target: string;
  value: string;
  met: boolean;
}

/** The targets for sam-local, read from the run's medians. */
export function targetChecks(results: LocalResults, figures: Figure[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const sam = (name: string): number | undefined => figures.find((f) => f.name === name)?.values['sam-local'];
  const warm = sam('start → first 200, warm');
  if (warm !== undefined) {
    checks.push({ target: 'start → first 200, warm ≤ 1,000 ms', value: `${warm.toFixed(0)} ms`, met: warm <= 1000 });
  }
  for (const figure of figures.filter((f) => f.name.startsWith('edit → served'))) {
    const value = figure.values['sam-local'];
    if (value === undefined) continue;
    checks.push({ target: `${figure.name} ≤ 300 ms`, value: `${value.toFixed(0)} ms`, met: value <= 300 });
  }
  for (const cell of results.latency.filter((c) => c.tool === 'sam-local' && c.clients === 1)) {
    const floor = results.latency.find((c) => c.tool === 'floor' && c.handler === cell.handler && c.clients === 1);
    if (!floor) continue;
    const overhead = cell.p50Ms - floor.p50Ms;
    checks.push({
      target: `p50 over the floor ≤ 1 ms, ${cell.handler}, 1 client`,
      value: `+${overhead.toFixed(2)} ms`,
      met: overhead <= 1,
    });
  }
  for (const figure of figures) {
    const ours = figure.values['sam-local'];
    const peer = figure.values['serverless-offline'];
    if (ours === undefined || peer === undefined) continue;
    const ahead = figure.lowerIsBetter ? ours <= peer : ours >= peer;
    checks.push({
      target: `at least as good as serverless-offline: ${figure.name}`,
      value: `${ours.toFixed(figure.unit === 'req/s' ? 0 : 1)} vs ${peer.toFixed(figure.unit === 'req/s' ? 0 : 1)} ${figure.unit}`,
      met: ahead,
    });
  }
  return checks;
}
