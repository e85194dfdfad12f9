// Fn::Transform with AWS::Include, as sam local reads it (aws/aws-sam-cli
// samcli/lib/intrinsic_resolver/intrinsic_property_resolver.py, handle_fn_transform: the snippet at
// Parameters.Location read as a local YAML/JSON file, any other macro refused) and as CloudFormation then evaluates
// it (AWS CloudFormation User Guide, "AWS::Include transform"). The shape is the one public SAM projects use for an
// OpenAPI body (aws-samples/serverless-patterns: DefinitionBody: Fn::Transform: Name: AWS::Include), here for a
// function's environment, which the function sees.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemplate } from '../../src/template/resolve-template';
import { loadTemplate, parseTemplate } from '../../src/template/template';

const TEMPLATE = `
Parameters:
  Stage: { Type: String, Default: dev }
Resources:
  Table: { Type: AWS::DynamoDB::Table }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: config/environment.yaml
      Tags:
        Fn::Transform: { Name: AWS::Include, Parameters: { Location: !Sub "config/tags-\${Stage}.json" } }
      Description: !Join ["-", { "Fn::Transform": { Name: AWS::Include, Parameters: { Location: config/parts.yaml } } }]
`;

const ENVIRONMENT = `
Variables:
  TABLE: !Ref Table
  STAGE: !Sub "\${Stage}-items"
  SHARED: !ImportValue shared-bus
`;

/** A project folder with the template and its included files; removed after the test. */
function project(files: Record<string, string>, template = TEMPLATE): string {
  const dir = mkdtempSync(join(tmpdir(), 'include-'));
  writeFileSync(join(dir, 'template.yaml'), template);
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
  return dir;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function load(files: Record<string, string>, template?: string, parameterOverrides: Record<string, string> = {}) {
  const dir = project(files, template);
  dirs.push(dir);
  return loadTemplate(join(dir, 'template.yaml'), { parameterOverrides });
}

describe('Fn::Transform AWS::Include', () => {
  it('inserts the file’s snippet, read from the template’s folder, and resolves it like the template', () => {
    // Act
    const loaded = load(
      {
        'config/environment.yaml': ENVIRONMENT,
        'config/tags-prod.json': '{ "team": "items", "stage": { "Ref": "Stage" } }',
        'config/parts.yaml': '[items, !Ref AWS::Region]',
      },
      undefined,
      { Stage: 'prod' },
    );

    // Assess
    const properties = loaded.template.Resources.Fn?.Properties;
    expect(properties?.Environment).toEqual({
      Variables: { TABLE: 'Table', STAGE: 'prod-items', SHARED: { 'Fn::ImportValue': 'shared-bus' } },
    });
    expect(properties?.Tags).toEqual({ team: 'items', stage: 'prod' });
    expect(properties?.Description).toBe('items-us-east-1');
  });

  it('each property of the snippet is resolved on its own and named where it is', () => {
    // Act
    const loaded = load({ 'config/environment.yaml': ENVIRONMENT });

    // Assess
    const shared = loaded.notes?.find((note) => note.path.at(-1) === 'SHARED');
    expect(shared).toMatchObject({
      path: ['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'SHARED'],
      resolved: false,
      why: 'Fn::ImportValue reads an export of another, deployed stack',
    });
    expect(loaded.notes?.find((note) => note.path.at(-1) === 'TABLE')?.resolved).toBe(true);
  });

  it('a file that is missing or not YAML, an S3 location or another macro stays as written, and says why', () => {
    // Prepare
    const template = `
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          MISSING: { "Fn::Transform": { Name: AWS::Include, Parameters: { Location: nope.yaml } } }
          BROKEN: { "Fn::Transform": { Name: AWS::Include, Parameters: { Location: broken.yaml } } }
          S3: { "Fn::Transform": { Name: AWS::Include, Parameters: { Location: "s3://bucket/env.yaml" } } }
          MACRO: { "Fn::Transform": { Name: MyMacro, Parameters: { Location: value.yaml } } }
          NO_PARAMETERS: { "Fn::Transform": { Name: AWS::Include } }
          NOT_A_MAP: { "Fn::Transform": AWS::Include }
          NESTED_MISSING: !Join ["", { "Fn::Transform": { Name: AWS::Include, Parameters: { Location: nope.yaml } } }]
`;

    // Act
    const loaded = load({ 'broken.yaml': 'a: [1', 'value.yaml': 'x' }, template);

    // Assess
    const variables = (loaded.template.Resources.Fn?.Properties?.Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(variables.MISSING).toEqual({
      'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 'nope.yaml' } },
    });
    const why: Record<string, string> = Object.fromEntries(
      (loaded.notes ?? []).map((note) => [note.path.at(-1), note.why]),
    );
    expect(why.MISSING).toBe(`AWS::Include: cannot read ${join(loaded.dir, 'nope.yaml')} (ENOENT)`);
    expect(why.NESTED_MISSING).toBe(why.MISSING);
    expect(why.BROKEN).toMatch(new RegExp(`^AWS::Include: cannot parse ${join(loaded.dir, 'broken.yaml')}: .+`));
    expect(why.S3).toBe('AWS::Include of s3://bucket/env.yaml: only a local file is read locally');
    expect(why.MACRO).toBe('Fn::Transform: the macro "MyMacro" is not run locally, only AWS::Include');
    expect(why.NO_PARAMETERS).toBe('Fn::Transform: AWS::Include needs Parameters with a Location');
    expect(why.NOT_A_MAP).toBe('Fn::Transform needs a map with Name and Parameters');
    const unevaluated = (loaded.notes ?? []).filter((note) => note.unevaluated).map((note) => note.path.at(-1));
    expect(unevaluated).toEqual(['MACRO']);
  });

  it('without a template folder, a relative Location is read from the working directory, as sam local reads it', () => {
    // Prepare
    const dir = project({ 'env.yaml': 'Variables: { A: included }' });
    dirs.push(dir);
    const template = parseTemplate(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment: { "Fn::Transform": { Name: AWS::Include, Parameters: { Location: env.yaml } } }
`);
    const cwd = process.cwd();

    // Act
    process.chdir(dir);
    let resolved;
    try {
      resolved = resolveTemplate(template, { region: 'us-east-1', parameterOverrides: {} }).template;
    } finally {
      process.chdir(cwd);
    }

    // Assess
    expect(resolved.Resources.Fn?.Properties?.Environment).toEqual({ Variables: { A: 'included' } });
  });
});
