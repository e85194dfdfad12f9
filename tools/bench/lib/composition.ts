import { build } from 'esbuild';
import { samEsbuildOptions } from 'sam-local-node';
import type { FunctionSpec } from 'sam-local-node';

/**
 * Where a bundle's minified bytes come from: each npm package, and the function's own sources, from esbuild's
 * metafile for the same options `sam build` uses (nothing is written). Largest first.
 */
export async function bundleComposition(fn: FunctionSpec): Promise<Array<{ source: string; bytes: number }>> {
  const result = await build({ ...samEsbuildOptions(fn, '/dev/null/unused'), metafile: true, write: false });
  const bySource = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const source = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'own sources';
      bySource.set(source, (bySource.get(source) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bySource].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
}
