// Breakpoints in TypeScript sources, bound the way a debugger binds them: V8 only knows the built JavaScript, so
// the debugger reads the source maps of the built files (VS Code's `outFiles`), finds the generated position of the
// TypeScript line, and asks V8 for a breakpoint there by the built file's URL, before the file is even loaded.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  generatedPositionFor,
  LEAST_UPPER_BOUND,
  originalPositionFor,
  TraceMap,
  type SourceMapInput,
} from '@jridgewell/trace-mapping';
import type { CdpSession } from './cdp';

export interface BoundBreakpoint {
  breakpointId: string;
  /** The built script's URL and its source map. */
  scriptUrl: string;
  map: TraceMap;
}

/**
 * Sets a breakpoint on `line` (1-based) of a TypeScript file: finds the source map under `outDir` that covers the
 * file, and sets the breakpoint at the generated position by the built file's URL.
 */
export async function setSourceBreakpoint(
  session: CdpSession,
  outDir: string,
  sourceFile: string,
  line: number,
): Promise<BoundBreakpoint> {
  const sourceUrl = pathToFileURL(sourceFile).href;
  for (const mapPath of mapFiles(outDir)) {
    const mapUrl = pathToFileURL(mapPath).href;
    const map = new TraceMap(JSON.parse(readFileSync(mapPath, 'utf8')) as SourceMapInput, mapUrl);
    if (!map.resolvedSources.includes(sourceUrl)) continue;
    const generated = generatedPositionFor(map, { source: sourceUrl, line, column: 0, bias: LEAST_UPPER_BOUND });
    if (generated.line === null) throw new Error(`${sourceFile}:${line} has no generated code`);
    const scriptUrl = pathToFileURL(mapPath.replace(/\.map$/, '')).href;
    const set = await session.send('Debugger.setBreakpointByUrl', {
      url: scriptUrl,
      lineNumber: generated.line - 1,
      columnNumber: generated.column,
    });
    return { breakpointId: set.breakpointId as string, scriptUrl, map };
  }
  throw new Error(`no source map under ${outDir} covers ${sourceFile}`);
}

function mapFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js.map'))
    .map((file) => join(dir, file));
}

/** The TypeScript file and 1-based line of a paused call frame's location. */
export function originalLocation(
  map: TraceMap,
  location: { lineNumber: number; columnNumber?: number },
): { file: string | null; line: number | null } {
  const original = originalPositionFor(map, { line: location.lineNumber + 1, column: location.columnNumber ?? 0 });
  return { file: original.source ? fileURLToPath(original.source) : null, line: original.line };
}

/** The 1-based line of the first line in a file that contains `marker`. */
export function lineOf(file: string, marker: string): number {
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((text) => text.includes(marker));
  if (index < 0) throw new Error(`${file} has no line with ${marker}`);
  return index + 1;
}
