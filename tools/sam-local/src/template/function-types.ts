import type { Resource } from './types';

/**
 * The resource types that are Lambda functions sam-local can run: SAM's AWS::Serverless::Function and
 * CloudFormation's own AWS::Lambda::Function, which `sam local` runs too (aws/aws-sam-cli
 * samcli/lib/providers/sam_function_provider.py, _convert_lambda_function_resource).
 */
export const SAM_FUNCTION = 'AWS::Serverless::Function';
export const LAMBDA_FUNCTION = 'AWS::Lambda::Function';

export function isFunctionResource(resource: Resource | undefined): boolean {
  return resource?.Type === SAM_FUNCTION || resource?.Type === LAMBDA_FUNCTION;
}
