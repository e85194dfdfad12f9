import { resolve } from 'node:path';
import { resolveLocalValue } from './parameters';
import type { LoadedTemplate } from './template';

/**
 * A layer of the template that sam-local has locally. On Lambda a layer is extracted into /opt, and Node finds its
 * packages through NODE_PATH's /opt/nodejs/node{major}/node_modules and /opt/nodejs/node_modules ("Layer paths for
 * each Lambda runtime", https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html).
 */
export interface FunctionLayer {
  logicalId: string;
  /** The local folder that stands for the layer's /opt/nodejs. */
  nodejsDir: string;
}

const LAYER_TYPES = new Set(['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion']);

/**
 * A function's `Layers`, in order: `!Ref` to a layer of this template with local content is a local layer; anything
 * else (an ARN, a layer in S3 or one only a makefile builds) cannot be had offline and is returned in `remote`, as
 * the template writes it, so the caller can say so.
 *
 * Where the content sits: without a build method the layer's ContentUri is /opt as it is (so its packages are in
 * `nodejs/node_modules`); with `Metadata: BuildMethod: nodejs*`, `sam build` puts ContentUri's built content under
 * `nodejs/` (SAM CLI samcli/lib/build/workflow_config.py, get_layer_subfolder), so ContentUri is /opt/nodejs.
 */
export function layersOf(
  loaded: LoadedTemplate,
  layers: unknown,
  parameters: Record<string, string> = {},
): { layers: FunctionLayer[]; remote: string[] } {
  const local: FunctionLayer[] = [];
  const remote: string[] = [];
  if (!Array.isArray(layers)) return { layers: local, remote };
  for (const entry of layers as unknown[]) {
    const layer = localLayer(loaded, entry, parameters);
    if (typeof layer === 'string') remote.push(layer);
    else local.push(layer);
  }
  return { layers: local, remote };
}

function localLayer(
  { template, dir }: LoadedTemplate,
  entry: unknown,
  parameters: Record<string, string>,
): FunctionLayer | string {
  const ref = typeof entry === 'object' && entry !== null && 'Ref' in entry ? String(entry.Ref) : undefined;
  const resource = ref === undefined ? undefined : template.Resources[ref];
  if (ref === undefined || !resource || !LAYER_TYPES.has(resource.Type)) {
    return resolveLocalValue(template, entry, parameters) ?? JSON.stringify(entry);
  }
  const properties = resource.Properties ?? {};
  const content = resource.Type === 'AWS::Serverless::LayerVersion' ? properties.ContentUri : properties.Content;
  const path = typeof content === 'string' ? resolveLocalValue(template, content, parameters) : undefined;
  if (path === undefined || path.startsWith('s3://')) return `${ref} (its content is in S3)`;
  if (/\.zip$/i.test(path)) return `${ref} (its content is an archive, ${path}, which sam-local does not unpack)`;
  const buildMethod = resource.Metadata?.BuildMethod;
  if (buildMethod !== undefined && !(typeof buildMethod === 'string' && buildMethod.startsWith('nodejs'))) {
    return `${ref} (BuildMethod: ${JSON.stringify(buildMethod)}, which sam-local does not build)`;
  }
  const contentDir = resolve(dir, path);
  return { logicalId: ref, nodejsDir: buildMethod === undefined ? resolve(contentDir, 'nodejs') : contentDir };
}

/**
 * NODE_PATH as Lambda's Node runtime sets it, with the local layers in place of /opt: every layer's
 * nodejs/node{major}/node_modules, then every layer's nodejs/node_modules. Layers are extracted into /opt in order,
 * a later one overwriting an earlier one's files, so later layers come first here.
 */
export function layerNodePath(layers: FunctionLayer[], runtime: string): string[] {
  const major = /^nodejs(\d+)/.exec(runtime)?.[1];
  const newestFirst = [...layers].reverse();
  return [
    ...(major ? newestFirst.map((layer) => resolve(layer.nodejsDir, `node${major}`, 'node_modules')) : []),
    ...newestFirst.map((layer) => resolve(layer.nodejsDir, 'node_modules')),
  ];
}
