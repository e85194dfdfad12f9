import type { FunctionSpec } from '../../src/template/functions';

/** A plain-JavaScript function (code run from its folder, as under `sam local`) for the runtime's own tests. */
export function directoryFunction(
  spec: Pick<FunctionSpec, 'logicalId' | 'codeDir' | 'handler'> & Partial<FunctionSpec>,
): FunctionSpec {
  return {
    runtime: 'nodejs24.x',
    timeoutSeconds: 30,
    memorySize: 256,
    code: { kind: 'directory' },
    buildMethod: undefined,
    buildProperties: {},
    layers: [],
    remoteLayers: [],
    environment: {},
    properties: {},
    ...spec,
  };
}
