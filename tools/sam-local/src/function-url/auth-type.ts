// A function URL's AuthType as its authorizer step. AWS_IAM: Lambda serves only requests signed with SigV4
// (docs.aws.amazon.com/lambda/latest/dg/urls-auth.html); a request without a signature gets the 403 of responses.ts.
// Locally the signature's presence and shape are checked (an `Authorization: AWS4-HMAC-SHA256 Credential=…` header,
// or X-Amz-Signature and X-Amz-Credential query parameters), never its value: no AWS credentials are at hand to
// verify it. NONE: every request goes on.
import { LOCAL_PSEUDO_PARAMETERS } from '../template/parameters';
import type { Authorizer } from '../pipeline/authorize';
import { headerOf, type ReceivedRequest } from '../pipeline/request';
import { forbidden } from './responses';
import type { FunctionUrl } from './urls';

export interface FunctionUrlMatch {
  url: FunctionUrl;
}

/** The access key id of a SigV4 signature (header or presigned query), or undefined when the request is not signed. */
export function sigV4AccessKey(request: Pick<ReceivedRequest, 'rawHeaders' | 'rawQuery'>): string | undefined {
  const authorization = headerOf(request, 'authorization');
  const fromHeader = authorization && /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\//.exec(authorization);
  if (fromHeader) return fromHeader[1];
  const query = new URLSearchParams(request.rawQuery);
  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || !query.get('X-Amz-Signature')) return undefined;
  return /^([^/]+)\//.exec(query.get('X-Amz-Credential') ?? '')?.[1];
}

export function authTypeCheck(): Authorizer<FunctionUrlMatch> {
  return {
    authorize: ({ match, request, requestId }) => {
      if (match.url.authType === 'NONE') return Promise.resolve({ kind: 'allow' });
      const accessKey = sigV4AccessKey(request);
      if (accessKey === undefined) {
        return Promise.resolve({
          kind: 'deny',
          response: forbidden(requestId),
          reason: `${match.url.functionId}'s function URL has AuthType AWS_IAM and the request carries no SigV4 signature`,
        });
      }
      // The IAM caller as requestContext.authorizer.iam (docs: urls-invocation.html, request payload); only the access
      // key comes from the request, the account is the local stand-in, nothing is verified.
      const accountId = LOCAL_PSEUDO_PARAMETERS['AWS::AccountId'] ?? '123456789012';
      return Promise.resolve({
        kind: 'allow',
        context: {
          iam: {
            accessKey,
            accountId,
            callerId: accessKey,
            cognitoIdentity: null,
            principalOrgId: null,
            userArn: `arn:aws:iam::${accountId}:user/local`,
            userId: accessKey,
          },
        },
      });
    },
  };
}
