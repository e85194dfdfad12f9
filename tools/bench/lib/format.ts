import type { Spread } from './stats';

export function ms(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function spreadText(s: Spread, digits = 2): string {
  return `${ms(s.min, digits)} / **${ms(s.median, digits)}** / ${ms(s.max, digits)}`;
}

export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function integer(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A GitHub-flavoured Markdown table, so the output pastes into docs/performance.md as it is. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
