import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

/**
 * A stack's outputs as key → value, read with DescribeStacks. Region and credentials come from the
 * AWS SDK's default chains (AWS_REGION, AWS_PROFILE, SSO, the role a CI job assumed, ...); the
 * endpoint can be overridden like any SDK client's (AWS_ENDPOINT_URL_CLOUDFORMATION).
 */
export async function describeStackOutputs(stackName: string): Promise<Record<string, string>> {
  // A few attempts at most: a developer waiting on a typo'd stack name should hear back in seconds.
  const client = new CloudFormationClient({ maxAttempts: 2 });
  try {
    const { Stacks: stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = stacks[0];
    if (!stack) throw new Error(`DescribeStacks returned no stack named ${stackName}`);
    return Object.fromEntries(
      (stack.Outputs ?? []).flatMap((output) =>
        output.OutputKey && output.OutputValue !== undefined ? [[output.OutputKey, output.OutputValue]] : [],
      ),
    );
  } finally {
    client.destroy();
  }
}
