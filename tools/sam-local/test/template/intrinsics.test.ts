// The intrinsic functions whose answer the template and its parameters decide, as CloudFormation answers them (AWS
// CloudFormation User Guide, "Intrinsic function reference": Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap,
// Fn::Base64, Fn::If, condition functions). SAM CLI's resolver (aws/aws-sam-cli
// samcli/lib/intrinsic_resolver/intrinsic_property_resolver.py) gives the same answers except where a test says so.
import { evaluate, intrinsicName, NO_VALUE, Unresolvable, type Scope } from '../../src/template/intrinsics';
import { resolveTemplate } from '../../src/template/resolve-template';
import { parseTemplate } from '../../src/template/template';

/** The environment variables of function Fn once the template is resolved (region us-east-1, no overrides). */
function variables(yaml: string, parameterOverrides: Record<string, string> = {}): Record<string, unknown> {
  const { template } = resolveTemplate(parseTemplate(yaml), { region: 'us-east-1', parameterOverrides });
  const environment = template.Resources.Fn?.Properties?.Environment as { Variables: Record<string, unknown> };
  return environment.Variables;
}

/** A template whose function Fn declares these variables (YAML flow map body), after `head` (Parameters, …). */
function withVariables(body: string, head = ''): string {
  return `${head}
Resources:
  Table: { Type: AWS::DynamoDB::Table }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
${body
  .trim()
  .split('\n')
  .map((line) => `          ${line.trim()}`)
  .join('\n')}
`;
}

describe('Fn::Sub', () => {
  it('puts parameters and pseudo parameters in, writes ${!Literal} as ${Literal} (SAM CLI leaves the "!")', () => {
    // Act
    const env = variables(
      withVariables(
        `URL: !Sub "https://\${Stage}.example.com/\${AWS::Region}/\${!Literal}/\${!Also.This}"`,
        'Parameters:\n  Stage: { Type: String, Default: dev }',
      ),
    );

    // Assess
    expect(env.URL).toBe('https://dev.example.com/us-east-1/${Literal}/${Also.This}');
  });

  it('list form: its own variables first (themselves resolved), then the template’s names', () => {
    // Act
    const env = variables(
      withVariables(
        `A: !Sub ["\${Stage}-\${Name}-\${Port}-\${On}", { Name: !Ref Other, Port: 8080, On: true }]
         B: !Sub ["\${Stage}", {}]`,
        'Parameters:\n  Stage: { Type: String, Default: dev }\n  Other: { Type: String, Default: x }',
      ),
    );

    // Assess
    expect([env.A, env.B]).toEqual(['dev-x-8080-true', 'dev']);
  });

  it('a resource: its logical id; Resource.Arn: SAM’s made-up ARN; an attribute nobody knows: $Resource.Attribute', () => {
    // Act
    const env = variables(withVariables(`A: !Sub "\${Table}|\${Table.Arn}|\${Table.StreamArn}|\${Table.A.B}"`));

    // Assess
    expect(env.A).toBe('Table|arn:aws:lambda:us-east-1:123456789012:function:Table|$Table.StreamArn|$Table.A.B');
  });

  it('a variable that cannot be resolved, a list, or a map for variables: the whole Sub stays as written', () => {
    // Act
    const env = variables(
      withVariables(
        `A: !Sub ["\${X}", { X: !ImportValue other }]
         B: !Sub ["\${X}", { X: [1, 2] }]
         C: !Sub ["\${X}", [X]]
         D: !Sub [only-one]
         E: !Sub "\${AWS::NoValue}"
         F: !Sub { Not: a string }`,
      ),
    );

    // Assess
    expect(env).toEqual({
      A: { 'Fn::Sub': ['${X}', { X: { 'Fn::ImportValue': 'other' } }] },
      B: { 'Fn::Sub': ['${X}', { X: [1, 2] }] },
      C: { 'Fn::Sub': ['${X}', ['X']] },
      D: { 'Fn::Sub': ['only-one'] },
      E: { 'Fn::Sub': '${AWS::NoValue}' },
      F: { 'Fn::Sub': { Not: 'a string' } },
    });
  });

  it('text without ${…} is kept as it is, and a source built by another function is used', () => {
    // Act
    const env = variables(
      withVariables(`A: !Sub "no $ {names} here $"\nB: !Sub [!Join ["", ["\${", "V}"]], { V: v }]`),
    );

    // Assess
    expect([env.A, env.B]).toEqual(['no $ {names} here $', 'v']);
  });
});

describe('Fn::Join, Fn::Split, Fn::Select, Fn::Base64', () => {
  it('join strings, numbers and booleans; a list from a list parameter or Fn::Split', () => {
    // Act
    const env = variables(
      withVariables(
        `A: !Join ["-", [a, 1, true, !Ref AWS::Region]]
         B: !Join [",", !Ref Zones]
         C: !Join ["+", !Split [",", "x,y,z"]]
         D: !Join ["", []]`,
        'Parameters:\n  Zones: { Type: CommaDelimitedList, Default: "a, b ,c" }',
      ),
    );

    // Assess
    expect(env).toEqual({ A: 'a-1-true-us-east-1', B: 'a,b,c', C: 'x+y+z', D: '' });
  });

  it('a join of something that is not a list of text stays as written', () => {
    // Act
    const env = variables(
      withVariables(`A: !Join ["-", [a, [b]]]\nB: !Join ["-", notalist]\nC: !Join [[x], [a]]\nD: !Join ["-"]`),
    );

    // Assess
    expect(Object.values(env).map((value) => typeof value)).toEqual(['object', 'object', 'object', 'object']);
  });

  it('select by a number or a numeric string; out of range or not a whole number stays as written', () => {
    // Act
    const env = variables(
      withVariables(
        `A: !Select [0, [a, b]]
         B: !Select ["1", [a, b]]
         C: !Select [2, [a, b]]
         D: !Select [-1, [a, b]]
         E: !Select [0.5, [a, b]]
         F: !Select [0, notalist]
         G: !Select [1, !Split [":", "arn:aws:s3"]]`,
      ),
    );

    // Assess
    expect([env.A, env.B, env.G]).toEqual(['a', 'b', 'aws']);
    expect([env.C, env.D, env.E, env.F]).toEqual([
      { 'Fn::Select': [2, ['a', 'b']] },
      { 'Fn::Select': [-1, ['a', 'b']] },
      { 'Fn::Select': [0.5, ['a', 'b']] },
      { 'Fn::Select': [0, 'notalist'] },
    ]);
  });

  it('split a string into a list; base64 of UTF-8 text', () => {
    // Act
    const { template } = resolveTemplate(
      parseTemplate(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Layers: !Split [",", "a,b"]
      Code: !Base64 "héllo"
      Bad: !Split [",", [a]]
      BadToo: !Base64 [a]`),
      { region: 'us-east-1', parameterOverrides: {} },
    );

    // Assess
    expect(template.Resources.Fn?.Properties).toEqual({
      Layers: ['a', 'b'],
      Code: Buffer.from('héllo').toString('base64'),
      Bad: { 'Fn::Split': [',', ['a']] },
      BadToo: { 'Fn::Base64': ['a'] },
    });
  });
});

describe('Fn::FindInMap', () => {
  const head = `Parameters:
  Stage: { Type: String, Default: prod }
Mappings:
  Sizes:
    prod: { Memory: 1024, Tags: [a, b] }`;

  it('looks up the map with keys that are themselves resolved', () => {
    // Act
    const env = variables(
      withVariables(`A: !FindInMap [Sizes, !Ref Stage, Memory]\nB: !FindInMap [Sizes, prod, Tags]`, head),
    );

    // Assess
    expect([env.A, env.B]).toEqual([1024, ['a', 'b']]);
  });

  it('a missing map or key stays as written; a DefaultValue (AWS::LanguageExtensions) answers it instead', () => {
    // Act
    const env = variables(
      withVariables(
        `A: !FindInMap [Sizes, dev, Memory]
         B: !FindInMap [Nope, prod, Memory]
         C: !FindInMap [Sizes, prod, Nope]
         D: !FindInMap [Sizes, dev, Memory, { DefaultValue: 128 }]
         E: !FindInMap [Sizes, dev, Memory, { Other: 1 }]
         F: !FindInMap [Sizes, prod]`,
        head,
      ),
    );

    // Assess
    expect(env.D).toBe(128);
    expect([env.A, env.B, env.C, env.E, env.F].every((value) => typeof value === 'object')).toBe(true);
  });

  it('a template without Mappings: stays as written', () => {
    // Act
    const env = variables(withVariables(`A: !FindInMap [Sizes, prod, Memory]`));

    // Assess
    expect(env.A).toEqual({ 'Fn::FindInMap': ['Sizes', 'prod', 'Memory'] });
  });
});

describe('Conditions, Fn::If and the condition functions', () => {
  const head = `Parameters:
  Stage: { Type: String, Default: prod }
  Count: { Type: Number, Default: 1 }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Equals [dev, !Ref Stage]
  NotProd: !Not [!Condition IsProd]
  ProdOrDev: !Or [!Condition IsDev, !Condition IsProd]
  ProdAndDev: !And [!Condition IsProd, !Condition IsDev]
  Inline: !And [!Equals [a, a], !Not [!Equals [a, b]]]
  OneIsOne: !Equals [!Ref Count, "1"]
  Lists: !Equals [[a, b], [a, b]]
  AsText: "true"
  Loop: !Not [!Condition Loop]
  NotBoolean: !Ref Stage`;

  it('Fn::If takes the branch its condition gives, with a parameter override deciding', () => {
    // Act
    const prod = variables(withVariables(`A: !If [IsProd, big, small]\nB: !If [NotProd, big, small]`, head));
    const dev = variables(withVariables(`A: !If [IsProd, big, small]\nB: !If [NotProd, big, small]`, head), {
      Stage: 'dev',
    });

    // Assess
    expect([prod.A, prod.B, dev.A, dev.B]).toEqual(['big', 'small', 'small', 'big']);
  });

  it('And, Or, Not over named conditions and inline functions; Equals compares as text; "true" is true', () => {
    // Act
    const env = variables(
      withVariables(
        `A: !If [ProdOrDev, y, n]
         B: !If [ProdAndDev, y, n]
         C: !If [Inline, y, n]
         D: !If [OneIsOne, y, n]
         E: !If [Lists, y, n]
         F: !If [AsText, y, n]
         G: !If [IsDev, y, n]`,
        head,
      ),
    );

    // Assess
    expect(env).toEqual({ A: 'y', B: 'n', C: 'y', D: 'y', E: 'y', F: 'y', G: 'n' });
  });

  it('only the branch taken is evaluated: the other may hold what cannot be known (SAM CLI gives "" then)', () => {
    // Act
    const env = variables(
      withVariables(
        `A: !If [IsProd, !Ref Stage, !ImportValue other]\nB: !If [NotProd, !ImportValue other, !Ref Stage]`,
        head,
      ),
    );

    // Assess
    expect([env.A, env.B]).toEqual(['prod', 'prod']);
  });

  it('a missing condition, one that depends on itself or is not a boolean: the Fn::If stays as written', () => {
    // Act
    const env = variables(
      withVariables(
        `A: !If [Missing, y, n]
         B: !If [Loop, y, n]
         C: !If [NotBoolean, y, n]
         D: !If [IsProd, y]
         E: !If [[IsProd], y, n]`,
        head,
      ),
    );

    // Assess
    expect(Object.values(env).every((value) => typeof value === 'object' && value !== null && 'Fn::If' in value)).toBe(
      true,
    );
  });

  it('a condition function may stand as a value: it is a boolean there', () => {
    // Act
    const env = variables(
      withVariables(
        `A: !Equals [a, a]
         B: !Not [!Equals [a, a]]
         C: !Or [!Equals [a, b], !Equals [c, d]]
         D: !And [!Equals [a, a], !Equals [a, b]]
         E: !Not [notacondition]
         F: !And [{ Condition: IsProd, Extra: 1 }]`,
        head,
      ),
    );

    // Assess
    expect([env.A, env.B, env.C, env.D]).toEqual([true, false, false, false]);
    expect([env.E, env.F]).toEqual([
      { 'Fn::Not': ['notacondition'] },
      { 'Fn::And': [{ Condition: 'IsProd', Extra: 1 }] },
    ]);
  });

  it('each condition is evaluated once, even when many values use it', () => {
    // Prepare
    let calls = 0;
    const scope: Scope = {
      ref: () => 'x',
      getAtt: () => 'x',
      subAttFallback: () => 'x',
      mappings: {},
      condition: () => ++calls > 0,
      getAZs: () => [],
      include: () => ({}),
    };

    // Act
    evaluate({ 'Fn::If': ['C', 'a', 'b'] }, scope);

    // Assess: the scope's condition is what resolve-template memoizes; the If asks it once.
    expect(calls).toBe(1);
  });
});

describe('AWS::NoValue', () => {
  it('removes the property, the map entry or the list item that holds it (SAM CLI keeps null there)', () => {
    // Act
    const { template } = resolveTemplate(
      parseTemplate(`
Conditions:
  No: !Equals [a, b]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Tracing: !If [No, Active, !Ref AWS::NoValue]
      Layers: [a, !If [No, b, !Ref AWS::NoValue], c]
      Environment: { Variables: { KEPT: !If [No, !Ref AWS::NoValue, yes], GONE: !Ref AWS::NoValue } }
      Joined: !Join [",", [a, !If [No, b, !Ref AWS::NoValue]]]
      Nested: !Select [0, [{ A: !Ref AWS::NoValue, B: b }]]`),
      { region: 'us-east-1', parameterOverrides: {} },
    );

    // Assess
    expect(template.Resources.Fn?.Properties).toEqual({
      Layers: ['a', 'c'],
      Environment: { Variables: { KEPT: 'yes' } },
      Joined: 'a',
      Nested: { B: 'b' },
    });
  });
});

describe('what only a deployed stack knows', () => {
  it('Fn::ImportValue, Fn::GetAZs of a region sam local has no zones for and the functions not evaluated locally stay as written', () => {
    // Act
    const env = variables(
      withVariables(`A: !ImportValue shared\nB: !GetAZs eu-south-1\nC: !Cidr [a, 1, 2]\nD: { "Fn::Unknown": 1 }`),
    );

    // Assess
    expect(env).toEqual({
      A: { 'Fn::ImportValue': 'shared' },
      B: { 'Fn::GetAZs': 'eu-south-1' },
      C: { 'Fn::Cidr': ['a', 1, 2] },
      D: { 'Fn::Unknown': 1 },
    });
  });

  it('Fn::GetAtt in both forms: .Arn is SAM’s made-up ARN, other attributes stay as written', () => {
    // Act
    const env = variables(
      withVariables(
        `A: !GetAtt Table.Arn
         B: { "Fn::GetAtt": "Table.Arn" }
         C: !GetAtt Table.StreamArn
         D: { "Fn::GetAtt": [Table] }
         E: { "Fn::GetAtt": [Table, [Arn]] }
         F: { "Fn::GetAtt": Table }`,
      ),
    );

    // Assess
    expect([env.A, env.B]).toEqual([
      'arn:aws:lambda:us-east-1:123456789012:function:Table',
      'arn:aws:lambda:us-east-1:123456789012:function:Table',
    ]);
    expect([env.C, env.D, env.E, env.F]).toEqual([
      { 'Fn::GetAtt': ['Table', 'StreamArn'] },
      { 'Fn::GetAtt': ['Table'] },
      { 'Fn::GetAtt': ['Table', ['Arn']] },
      { 'Fn::GetAtt': 'Table' },
    ]);
  });

  it('Ref of something that is not a name stays as written', () => {
    // Act
    const env = variables(withVariables(`A: { Ref: [Table] }\nB: !Ref Table`));

    // Assess
    expect(env).toEqual({ A: { Ref: ['Table'] }, B: 'Table' });
  });
});

describe('what counts as an intrinsic function (samtranslator’s is_intrinsic)', () => {
  it('an object with one key, Ref or Fn::…; anything else is plain data', () => {
    // Act
    const names = [
      intrinsicName({ Ref: 'A' }),
      intrinsicName({ 'Fn::Sub': 'x' }),
      intrinsicName({ Ref: 'A', Other: 1 }),
      intrinsicName({ Condition: 'C' }),
      intrinsicName({}),
      intrinsicName(['Ref']),
      intrinsicName('Ref'),
      intrinsicName(null),
    ];

    // Assess
    expect(names).toEqual(['Ref', 'Fn::Sub', undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('a plain map inside a function’s arguments is resolved, and NoValue entries dropped', () => {
    // Prepare
    const scope: Scope = {
      ref: (name) => (name === 'AWS::NoValue' ? NO_VALUE : `<${name}>`),
      getAtt: () => {
        throw new Unresolvable('no');
      },
      subAttFallback: () => 'fallback',
      mappings: {},
      condition: () => true,
      getAZs: () => [],
      include: () => ({}),
    };

    // Act
    const value = evaluate({ A: { Ref: 'X' }, B: { Ref: 'AWS::NoValue' }, C: [{ Ref: 'AWS::NoValue' }, 1] }, scope);

    // Assess
    expect(value).toEqual({ A: '<X>', C: [1] });
  });

  it('an error that is not about resolving is not swallowed', () => {
    // Prepare
    const scope: Scope = {
      ref: () => {
        throw new TypeError('a bug');
      },
      getAtt: () => {
        throw new TypeError('a bug');
      },
      subAttFallback: () => 'fallback',
      mappings: {},
      condition: () => true,
      getAZs: () => [],
      include: () => ({}),
    };

    // Act / Assess
    expect(() => evaluate({ 'Fn::Sub': '${A.B}' }, scope)).toThrow(TypeError);
  });
});

describe('why an expression stays as written (the reason the start-up line gives)', () => {
  it('names the function and what it lacks', () => {
    // Prepare
    const yaml = withVariables(
      `A: !GetAZs eu-south-1
       B: !Select [5, [a]]
       C: !ImportValue x
       D: !Sub ["\${X}", notamap]
       E: !FindInMap [Nope, a, b]
       F: !If [NoSuch, a, b]
       G: !If [Loop, a, b]
       H: !If [NotBoolean, a, b]
       I: !Join ["-"]
       J: !Join ["-", notalist]
       K: !Base64 [x]
       L: !Not [[1]]
       M: !GetAtt Table.StreamArn`,
      `Conditions:
  Loop: !Not [!Condition Loop]
  NotBoolean: !Ref AWS::Region`,
    );

    // Act
    const { notes } = resolveTemplate(parseTemplate(yaml), { region: 'us-east-1', parameterOverrides: {} });

    // Assess
    expect(Object.fromEntries(notes.map((note) => [note.path.at(-1), note.why]))).toEqual({
      A: 'Fn::GetAZs: sam local has no availability zones for region "eu-south-1"',
      B: 'Fn::Select: index 5 is not in a list of 1',
      C: 'Fn::ImportValue reads an export of another, deployed stack',
      D: 'Fn::Sub: the variables must be a map',
      E: 'Fn::FindInMap: the Mappings have no Nope.a.b',
      F: 'the template has no condition NoSuch',
      G: 'condition Loop depends on itself',
      H: 'condition NotBoolean must evaluate to true or false',
      I: 'Fn::Join needs a list of 2',
      J: 'Fn::Join needs a list',
      K: 'Fn::Base64 needs a string here',
      L: 'a condition must evaluate to true or false',
      M: 'Table.StreamArn is known only once the stack is deployed',
    });
  });
});

describe('each function’s own name in its reason', () => {
  it('a wrong shape of argument is named with the function it was given to', () => {
    // Prepare
    const yaml = withVariables(
      `A: { Ref: [Table] }
       B: { "Fn::GetAtt": [Table] }
       C: { "Fn::GetAtt": [Table, [Arn]] }
       D: { "Fn::GetAtt": Table }
       E: !Sub [only-one]
       F: !Sub [[x], {}]
       G: !Sub ["\${X}", { X: [1] }]
       H: !Sub "\${AWS::NoValue}"
       I: !Split [",", [a]]
       J: !FindInMap [Sizes, prod]
       K: !If [IsProd, y]
       L: !If [[IsProd], y, n]
       M: !Equals [a]
       N: !Not notalist
       O: !And notalist
       P: !Or notalist
       Q: !Or [{ Condition: [IsProd] }]
       R: !Join ["-", [a, [b]]]
       S: !Join [[x], [a]]
       T: !Select [0, notalist]
       U: !Select [0]`,
      'Conditions:\n  IsProd: !Equals [a, a]',
    );

    // Act
    const { notes } = resolveTemplate(parseTemplate(yaml), { region: 'us-east-1', parameterOverrides: {} });

    // Assess
    expect(Object.fromEntries(notes.map((note) => [note.path.at(-1), note.why]))).toEqual({
      A: 'Ref needs a string here',
      B: 'Fn::GetAtt needs a list of 2',
      C: 'Fn::GetAtt needs a string here',
      D: 'Table. is known only once the stack is deployed',
      E: 'Fn::Sub needs a list of 2',
      F: 'Fn::Sub needs a string here',
      G: 'Fn::Sub needs a string here',
      H: 'Fn::Sub needs a string here',
      I: 'Fn::Split needs a string here',
      J: 'Fn::FindInMap needs a list of 3',
      K: 'Fn::If needs a list of 3',
      L: 'Fn::If needs a string here',
      M: 'Fn::Equals needs a list of 2',
      N: 'Fn::Not needs a list of 1',
      O: 'Fn::And needs a list',
      P: 'Fn::Or needs a list',
      Q: 'Condition needs a string here',
      R: 'Fn::Join needs a string here',
      S: 'Fn::Join needs a string here',
      T: 'Fn::Select needs a list',
      U: 'Fn::Select needs a list of 2',
    });
  });

  it('Fn::Select takes an index of more than one digit; a condition of "false" is false', () => {
    // Act
    const env = variables(
      withVariables(
        `A: !Select [10, [a, b, c, d, e, f, g, h, i, j, k]]
         B: !If [AsFalse, y, n]
         C: !If [IsFalse, y, n]`,
        'Conditions:\n  AsFalse: "false"\n  IsFalse: false',
      ),
    );

    // Assess
    expect(env).toEqual({ A: 'k', B: 'n', C: 'n' });
  });
});
