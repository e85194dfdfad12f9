// The FunctionName of a Lambda Invoke request, in every form Lambda accepts: a name, `name:qualifier`, a full
// ARN or a partial ARN (`123456789012:function:name`). The pattern is the one AWS's Invoke API reference gives
// for FunctionName (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html).
const FUNCTION_NAME =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:(?:-gov)|(?:-iso(?:[a-z]?)))?-[a-z]+-\d{1}):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9-_.]+)(?::(\$LATEST(?:\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$/;

export const FUNCTION_NAME_PATTERN = FUNCTION_NAME.source;

export interface FunctionReference {
  name: string;
  qualifier?: string;
}

/** The function name and qualifier in a FunctionName, or undefined when it is not one Lambda would accept. */
export function parseFunctionName(text: string): FunctionReference | undefined {
  if (text.length === 0 || text.length > 256) return undefined;
  const match = FUNCTION_NAME.exec(text);
  const name = match?.[3];
  if (!name) return undefined;
  // A bare name is at most 64 characters; the 256 limit applies to ARNs.
  if (name === text && name.length > 64) return undefined;
  return match[4] ? { name, qualifier: match[4] } : { name };
}

/** The ARN Lambda names in its answers, e.g. `Function not found: arn:aws:lambda:…:function:Name:qualifier`. */
export function functionArn(region: string, accountId: string, reference: FunctionReference): string {
  const qualifier = reference.qualifier ? `:${reference.qualifier}` : '';
  return `arn:aws:lambda:${region}:${accountId}:function:${reference.name}${qualifier}`;
}
