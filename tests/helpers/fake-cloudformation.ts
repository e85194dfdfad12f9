import { startLoopbackServer, type LoopbackServer } from './loopback-server';

export interface FakeCloudFormation extends LoopbackServer {
  /** The StackName of each DescribeStacks request received. */
  described: string[];
}

export type StackAnswer = { outputs: Record<string, string> } | { error: { code: string; message: string } };

/**
 * A loopback stand-in for CloudFormation's query API, answering DescribeStacks the way the service
 * does (XML), for the real AWS SDK client pointed at it with AWS_ENDPOINT_URL_CLOUDFORMATION.
 */
export async function startFakeCloudFormation(answer: StackAnswer): Promise<FakeCloudFormation> {
  const described: string[] = [];
  const server = await startLoopbackServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (form.get('Action') !== 'DescribeStacks') {
        res
          .writeHead(400, { 'content-type': 'text/xml' })
          .end(errorXml('InvalidAction', `Unexpected ${form.get('Action')}`));
        return;
      }
      const stackName = form.get('StackName') ?? '';
      described.push(stackName);
      if ('error' in answer) {
        res.writeHead(400, { 'content-type': 'text/xml' }).end(errorXml(answer.error.code, answer.error.message));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' }).end(describeStacksXml(stackName, answer.outputs));
    });
  });
  return { ...server, described };
}

const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

function describeStacksXml(stackName: string, outputs: Record<string, string>): string {
  const members = Object.entries(outputs)
    .map(
      ([key, value]) =>
        `<member><OutputKey>${escape(key)}</OutputKey><OutputValue>${escape(value)}</OutputValue></member>`,
    )
    .join('');
  return `<DescribeStacksResponse xmlns="${NS}"><DescribeStacksResult><Stacks><member>
<StackName>${escape(stackName)}</StackName>
<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/${escape(stackName)}/00000000-0000-0000-0000-000000000000</StackId>
<CreationTime>2026-01-01T00:00:00.000Z</CreationTime>
<StackStatus>UPDATE_COMPLETE</StackStatus>
<Outputs>${members}</Outputs>
</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></DescribeStacksResponse>`;
}

function errorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${escape(code)}</Code><Message>${escape(message)}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
