import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { TemplateCopy } from './template-copy';

/**
 * The samconfig.toml settings the starter depends on, checked against the layout they exist for. The deploy
 * settings that the transformed template decides (capabilities, parameter overrides) are in transformed.test.ts.
 */
const ROOT = join(__dirname, '..', '..');
type Section = { parameters: Record<string, unknown> };
const config = parseToml(readFileSync(join(ROOT, 'samconfig.toml'), 'utf8')) as {
  version: unknown;
  default: Record<string, Section | undefined>;
};
const parameters = (command: string) => config.default[command]?.parameters ?? {};

describe('samconfig.toml', () => {
  const template = new TemplateCopy();
  const codeUris = template
    .idsOfType('AWS::Serverless::Function')
    .map((id) => String(template.get(['Resources', id, 'Properties', 'CodeUri'])));

  it('builds in source, where esbuild from the root node_modules is found (a scratch build dir has none)', () => {
    expect(config.version).toBe(0.1);
    expect(parameters('build').build_in_source).toBe(true);
  });

  it('gives no function a package.json or the project root as CodeUri (sam build would prune devDependencies)', () => {
    // With a package.json in CodeUri, a build-in-source build runs `npm update --omit=dev` in the source tree.
    expect(codeUris.length).toBeGreaterThan(0);
    expect(
      codeUris.filter((uri) => uri === '.' || uri === './' || existsSync(join(ROOT, uri, 'package.json'))),
    ).toEqual([]);
  });

  it('runs cfn-lint on sam validate, and deploys through a reviewed change set to a managed bucket', () => {
    expect(parameters('validate').lint).toBe(true);
    expect(parameters('deploy')).toMatchObject({ confirm_changeset: true, resolve_s3: true });
    expect(typeof parameters('global').stack_name).toBe('string');
  });
});
