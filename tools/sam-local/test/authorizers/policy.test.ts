import { evaluatePolicy, wildcardMatch } from '../../src/authorizers/policy';

// Source: docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html and IAM's
// evaluation logic (a matching Deny wins, else a matching Allow, else an implicit deny).
const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/dev/GET/items/42';

function statement(Effect: string, Resource: unknown, Action: unknown = 'execute-api:Invoke') {
  return { Effect, Action, Resource };
}

describe('evaluatePolicy', () => {
  it('allows a method its Allow statement names exactly', () => {
    expect(evaluatePolicy({ Statement: [statement('Allow', ARN)] }, ARN)).toEqual({ ok: true, decision: 'allow' });
  });

  it('takes a single Statement object as well as a list', () => {
    expect(evaluatePolicy({ Statement: statement('Allow', ARN) }, ARN)).toEqual({ ok: true, decision: 'allow' });
  });

  it('lets a matching Deny win over a matching Allow, in either order', () => {
    const allow = statement('Allow', '*');
    const deny = statement('Deny', ARN);
    expect(evaluatePolicy({ Statement: [allow, deny] }, ARN)).toEqual({ ok: true, decision: 'explicit-deny' });
    expect(evaluatePolicy({ Statement: [deny, allow] }, ARN)).toEqual({ ok: true, decision: 'explicit-deny' });
  });

  it('denies implicitly when no statement matches the ARN', () => {
    const other = ARN.replace('items/42', 'items/43');
    expect(evaluatePolicy({ Statement: [statement('Allow', other)] }, ARN)).toEqual({
      ok: true,
      decision: 'implicit-deny',
    });
    expect(evaluatePolicy({ Statement: [statement('Deny', other)] }, ARN)).toEqual({
      ok: true,
      decision: 'implicit-deny',
    });
  });

  it('matches wildcards in the resource: the stage and everything after it, and any one of a list', () => {
    const stageWide = 'arn:aws:execute-api:us-east-1:123456789012:abc123/dev/*';
    expect(evaluatePolicy({ Statement: [statement('Allow', stageWide)] }, ARN).ok).toBe(true);
    expect(evaluatePolicy({ Statement: [statement('Allow', stageWide)] }, ARN)).toEqual({
      ok: true,
      decision: 'allow',
    });
    expect(evaluatePolicy({ Statement: [statement('Allow', ['arn:nothing', stageWide])] }, ARN)).toEqual({
      ok: true,
      decision: 'allow',
    });
    expect(
      evaluatePolicy(
        { Statement: [statement('Allow', 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*')] },
        ARN,
      ),
    ).toEqual({ ok: true, decision: 'implicit-deny' });
  });

  it('applies only statements whose action covers execute-api:Invoke (any case, wildcards, lists)', () => {
    for (const action of [
      'execute-api:Invoke',
      'execute-api:*',
      '*',
      'Execute-API:invoke',
      ['s3:GetObject', 'execute-api:Invoke'],
    ]) {
      expect(evaluatePolicy({ Statement: [statement('Allow', ARN, action)] }, ARN)).toEqual({
        ok: true,
        decision: 'allow',
      });
    }
    expect(evaluatePolicy({ Statement: [statement('Allow', ARN, 's3:GetObject')] }, ARN)).toEqual({
      ok: true,
      decision: 'implicit-deny',
    });
    expect(evaluatePolicy({ Statement: [statement('Deny', ARN, 'execute-api:ManageConnections')] }, ARN)).toEqual({
      ok: true,
      decision: 'implicit-deny',
    });
  });

  it('is a configuration error when the document or a statement is not what IAM reads', () => {
    expect(evaluatePolicy(undefined, ARN)).toEqual({ ok: false, problem: 'policyDocument is not an object' });
    expect(evaluatePolicy([statement('Allow', ARN)], ARN)).toEqual({
      ok: false,
      problem: 'policyDocument is not an object',
    });
    expect(evaluatePolicy({ Statement: ['Allow'] }, ARN)).toEqual({
      ok: false,
      problem: 'a policy Statement is not an object',
    });
    expect(evaluatePolicy({ Statement: [null] }, ARN)).toEqual({
      ok: false,
      problem: 'a policy Statement is not an object',
    });
    expect(evaluatePolicy({ Statement: [[statement('Allow', ARN)]] }, ARN)).toEqual({
      ok: false,
      problem: 'a policy Statement is not an object',
    });
    expect(evaluatePolicy({ Statement: [statement('allow', ARN)] }, ARN)).toEqual({
      ok: false,
      problem: 'a policy Statement\'s Effect is "allow", not "Allow" or "Deny"',
    });
    for (const bad of [
      statement('Allow', undefined),
      { Effect: 'Allow', Resource: ARN },
      statement('Allow', []),
      statement('Allow', [ARN, 3]),
    ]) {
      expect(evaluatePolicy({ Statement: [bad] }, ARN)).toEqual({
        ok: false,
        problem: 'a policy Statement needs Action and Resource strings',
      });
    }
  });

  it('checks every statement, also after one that does not match', () => {
    const miss = statement('Allow', 'arn:other');
    expect(evaluatePolicy({ Statement: [miss, statement('allow', ARN)] }, ARN).ok).toBe(false);
  });
});

describe('wildcardMatch', () => {
  it('reads * as any run of characters, slashes and colons included, and ? as one character', () => {
    expect(wildcardMatch('a*z', 'a/b:c/z')).toBe(true);
    expect(wildcardMatch('a*', 'a')).toBe(true);
    expect(wildcardMatch('a?c', 'abc')).toBe(true);
    expect(wildcardMatch('a?c', 'ac')).toBe(false);
    expect(wildcardMatch('a?c', 'abbc')).toBe(false);
  });

  it('matches the whole text, everything else literally', () => {
    expect(wildcardMatch('abc', 'xabc')).toBe(false);
    expect(wildcardMatch('abc', 'abcx')).toBe(false);
    expect(wildcardMatch('a.c', 'abc')).toBe(false);
    expect(wildcardMatch('a+(c)|[x]{1}^$\\', 'a+(c)|[x]{1}^$\\')).toBe(true);
    expect(wildcardMatch('a*', 'a\nb')).toBe(true);
  });
});
