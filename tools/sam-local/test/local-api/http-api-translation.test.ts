// What start-api reads from a template's HTTP APIs and function URLs agrees with what AWS deploys from it: the
// fixtures are expanded by AWS's own SAM translator (aws-sam-translator, through the repository's
// scripts/sam-translate.py) and the deployed routes, stages, payload versions, timeouts, CORS origins and function
// URLs are compared with httpRoutesFromTemplate and functionUrlsFromTemplate. Skipped, with a note, where Python's
// aws-sam-translator is not installed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { functionUrlsFromTemplate } from '../../src/function-url/urls';
import { httpRoutesFromTemplate } from '../../src/http-api/routes';
import { loadTemplate } from '../../src/template/template';
import { TOOLKIT_DIR } from '../helpers/paths';

const SCRIPT = join(TOOLKIT_DIR, '..', '..', 'scripts', 'sam-translate.py');
const translatorPresent = spawnSync('python3', ['-c', 'import samtranslator'], { encoding: 'utf8' }).status === 0;
if (!translatorPresent) console.warn('aws-sam-translator is not installed: the translation comparison is skipped');
const maybe = translatorPresent ? describe : describe.skip;

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

function translate(fixture: string): Resources {
  const result = spawnSync('python3', [SCRIPT, join(TOOLKIT_DIR, 'test', 'fixtures', fixture, 'template.yaml')], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`sam-translate failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { Resources: Resources }).Resources;
}

/** `api stage routeKey payload timeout` for every route the deployed OpenAPI bodies define. */
function deployedRoutes(resources: Resources): string[] {
  const routes: string[] = [];
  for (const [apiId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Api') continue;
    const stage = Object.values(resources).find(
      (other) =>
        other.Type === 'AWS::ApiGatewayV2::Stage' && (other.Properties.ApiId as { Ref?: string }).Ref === apiId,
    );
    const stageName = (stage?.Properties.StageName as string | undefined) ?? '$default';
    const paths = ((resource.Properties.Body as { paths?: Record<string, Record<string, unknown>> } | undefined)
      ?.paths ?? {}) as Record<string, Record<string, { 'x-amazon-apigateway-integration': Record<string, unknown> }>>;
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const integration = operation['x-amazon-apigateway-integration'];
        const upper = method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase();
        const routeKey = path === '$default' ? '$default' : `${upper} ${path}`;
        routes.push(
          `${apiId} ${stageName} ${routeKey} ${String(integration.payloadFormatVersion)} ${(integration.timeoutInMillis as number | undefined) ?? 30000}`,
        );
      }
    }
  }
  return routes.sort();
}

maybe('HTTP APIs as AWS deploys them (aws-sam-translator)', () => {
  it('the http-api fixture: every route, stage, payload version and timeout', () => {
    const resources = translate('http-api');
    const local = httpRoutesFromTemplate(
      loadTemplate(join(TOOLKIT_DIR, 'test', 'fixtures', 'http-api', 'template.yaml')),
    )
      .map((r) => `${r.api.logicalId} ${r.api.stage} ${r.routeKey} ${r.payloadVersion} ${r.timeoutMs}`)
      .sort();
    expect(local).toEqual(deployedRoutes(resources));
    const stage = resources.StagedApidevStage!.Properties;
    expect(stage.StageVariables).toEqual({ color: 'blue' });
    const cors = (resources.StagedApi!.Properties.Body as Record<string, Record<string, unknown>>)[
      'x-amazon-apigateway-cors'
    ]!;
    expect(cors).toMatchObject({
      allowOrigins: ['https://app.example'],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['content-type', 'x-custom'],
      exposeHeaders: ['x-request-note'],
      maxAge: 600,
      allowCredentials: true,
    });
  });

  it('the function-url-api fixture: the function URLs and their AuthType', () => {
    const resources = translate('function-url-api');
    const deployed = Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Url')
      .map(
        (resource) =>
          `${(resource.Properties.TargetFunctionArn as { Ref: string }).Ref} ${String(resource.Properties.AuthType)}`,
      )
      .sort();
    const local = functionUrlsFromTemplate(
      loadTemplate(join(TOOLKIT_DIR, 'test', 'fixtures', 'function-url-api', 'template.yaml')),
    ).map((url) => `${url.functionId} ${url.authType}`);
    expect(local).toEqual(deployed);
  });
});
