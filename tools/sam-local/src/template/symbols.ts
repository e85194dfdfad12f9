import { samLocalAvailabilityZones } from './availability-zones';
import { NO_VALUE, Unresolvable } from './intrinsics';
import type { Template } from './types';

/**
 * What `Ref` and `Fn::GetAtt` answer locally. Parameters and the pseudo parameters that follow from the region are
 * what CloudFormation would give; what only a deployed stack knows is what `sam local` gives, and each such answer is
 * reported through `standIn` so that it can be named. Source: aws/aws-sam-cli
 * samcli/lib/intrinsic_resolver/intrinsics_symbol_table.py (resolve_symbols, arn_resolver, DEFAULT_PSEUDO_PARAM_VALUES)
 * and samcli/lib/providers/sam_base_provider.py (_get_parameter_values: overrides over defaults).
 */
export interface SymbolContext {
  /** The region the functions run in (--region, the shell, the AWS profile, us-east-1). */
  region: string;
  /** `--parameter-overrides`, over the template's defaults. */
  parameterOverrides: Record<string, string>;
  /** The folder an AWS::Include's relative Location is read from: the template's (default: the working directory). */
  templateDir?: string;
}

/** The account id sam local uses when it has no credentials to ask STS with. */
export const LOCAL_ACCOUNT_ID = '123456789012';
export const LOCAL_STACK_NAME = 'local';
/** sam local's region when none is given anywhere (--region, the shell, the AWS profile). */
export const DEFAULT_REGION = 'us-east-1';

export interface Symbols {
  ref: (name: string) => unknown;
  getAtt: (logicalId: string, attribute: string) => unknown;
  subAttFallback: (logicalId: string, attribute: string) => string;
  getAZs: (region: string) => unknown;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

export function samSymbols(template: Template, context: SymbolContext, standIn: (why: string) => void): Symbols {
  const { region } = context;
  const partition = partitionOf(region);
  const resources = template.Resources;
  const pseudo: Record<string, () => unknown> = {
    'AWS::Region': () => region,
    'AWS::Partition': () => partition,
    'AWS::URLSuffix': () => (partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'),
    'AWS::NoValue': () => NO_VALUE,
    'AWS::AccountId': () => {
      standIn(`AWS::AccountId is the deployed account's; sam local without credentials uses ${LOCAL_ACCOUNT_ID}`);
      return LOCAL_ACCOUNT_ID;
    },
    'AWS::StackName': () => {
      standIn(`AWS::StackName is given at deploy time; sam local uses "${LOCAL_STACK_NAME}"`);
      return LOCAL_STACK_NAME;
    },
    'AWS::NotificationARNs': () => {
      standIn('AWS::NotificationARNs is given at deploy time; sam local uses the name itself');
      return 'AWS::NotificationARNs';
    },
    'AWS::StackId': () => {
      standIn('AWS::StackId is given at deploy time; sam local uses a fixed stack ARN');
      return `arn:${partition}:cloudformation:${region}:${LOCAL_ACCOUNT_ID}:stack/${LOCAL_STACK_NAME}/51af3dc0-da77-11e4-872e-1234567db123`;
    },
  };

  // A parameter's value: its --parameter-overrides value, else its Default (sam_base_provider.py,
  // _get_parameter_values: an override of a name the template does not declare is a value too).
  function parameterValue(name: string): { value: unknown } | undefined {
    if (Object.hasOwn(context.parameterOverrides, name)) return { value: context.parameterOverrides[name] };
    const parameter = template.Parameters?.[name];
    return parameter && 'Default' in parameter ? { value: parameter.Default } : undefined;
  }

  function ref(name: string): unknown {
    const parameter = template.Parameters?.[name];
    const given = parameterValue(name);
    if (given) {
      // A list parameter is a list to Ref (CommaDelimitedList, List<…>).
      const type = String(parameter?.Type);
      const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
      return isList
        ? String(given.value as string)
            .split(',')
            .map((item) => item.trim())
        : given.value;
    }
    const answer = pseudo[name];
    if (answer) return answer();
    if (parameter) {
      standIn(`parameter ${name} has no Default and no --parameter-overrides value; sam local uses its name`);
      return name;
    }
    const type = resources[name]?.Type;
    // sam local keeps a layer's Ref as it is, so that the layer can be found in the template.
    if (type === 'AWS::Serverless::LayerVersion' || type === 'AWS::Lambda::LayerVersion') return { Ref: name };
    standIn(
      type
        ? `Ref ${name} is the deployed resource's name or id; sam local uses the logical id`
        : `${name} is neither a parameter nor a resource of the template; sam local uses the name itself`,
    );
    return name;
  }

  function getAtt(logicalId: string, attribute: string): unknown {
    const resource = resources[logicalId];
    // sam local answers every .Arn with a Lambda function ARN, named by FunctionName when it is written out.
    if (attribute === 'Arn') {
      const functionName = resource?.Properties?.FunctionName;
      const name = typeof functionName === 'string' ? functionName : logicalId;
      standIn(`${logicalId}.Arn is the deployed resource's ARN; sam local makes up a Lambda function ARN`);
      return `arn:${partition}:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${name}`;
    }
    if (attribute === 'RootResourceId' && resource?.Type === 'AWS::ApiGateway::RestApi') {
      standIn(`${logicalId}.RootResourceId is the deployed API's; sam local uses "/"`);
      return '/';
    }
    throw new Unresolvable(`${logicalId}.${attribute} is known only once the stack is deployed`);
  }

  function subAttFallback(logicalId: string, attribute: string): string {
    standIn(`\${${logicalId}.${attribute}} is known only once the stack is deployed; sam local writes it as text`);
    return `$${logicalId}.${attribute}`;
  }

  // sam local's handle_fn_get_azs: "" is the template's region; a region outside its table is left as written.
  function getAZs(requested: string): string[] {
    const name = requested === '' ? region : requested;
    const zones = samLocalAvailabilityZones(name);
    if (!zones) throw new Unresolvable(`Fn::GetAZs: sam local has no availability zones for region "${name}"`);
    standIn(`Fn::GetAZs ${name} is the account's availability zones; sam local uses a fixed list for the region`);
    return zones;
  }

  return { ref, getAtt, subAttFallback, getAZs };
}
