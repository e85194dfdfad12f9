import { normalizeBaseUrl, parseArguments } from '../../src/postman/arguments';

describe('npm run test:postman arguments', () => {
  it('no arguments: the local API, no extra variables', () => {
    expect(parseArguments([])).toEqual({ kind: 'run', baseUrl: undefined, envVars: [] });
  });

  it('--base-url and --env-var, spaced or with =', () => {
    expect(
      parseArguments([
        '--base-url',
        'https://abc.example/dev',
        '--env-var=allowedOrigin=https://a.example',
        '--env-var',
        'x=',
      ]),
    ).toEqual({
      kind: 'run',
      baseUrl: 'https://abc.example/dev',
      envVars: [
        { key: 'allowedOrigin', value: 'https://a.example' },
        { key: 'x', value: '' },
      ],
    });
  });

  it.each([
    [['--base-url'], /--base-url needs a value/],
    [['--base-url', 'ftp://x/dev'], /--base-url must be an http\(s\) URL/],
    [['--base-url', 'not a url'], /--base-url must be an http\(s\) URL/],
    [['--env-var', 'novalue'], /--env-var takes KEY=VALUE/],
    [['--env-var', '=x'], /--env-var takes KEY=VALUE/],
    [['--port', '3000'], /Unknown argument --port/],
  ])('%j is refused with a reason', (args, reason) => {
    const parsed = parseArguments(args);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' ? parsed.message : '').toMatch(reason);
  });

  it('--help', () => {
    expect(parseArguments(['--base-url', 'https://x/dev', '--help'])).toEqual({ kind: 'help' });
  });
});

describe('the base URL', () => {
  it.each([
    [
      'https://abc123.execute-api.eu-west-1.amazonaws.com/dev',
      'https://abc123.execute-api.eu-west-1.amazonaws.com/dev',
    ],
    // The stack's HelloApiUrl output as it is.
    [
      'https://abc123.execute-api.eu-west-1.amazonaws.com/dev/hello',
      'https://abc123.execute-api.eu-west-1.amazonaws.com/dev',
    ],
    [
      'https://abc123.execute-api.eu-west-1.amazonaws.com/dev/',
      'https://abc123.execute-api.eu-west-1.amazonaws.com/dev',
    ],
    ['http://127.0.0.1:3000/dev/hello?name=Ada#x', 'http://127.0.0.1:3000/dev'],
    ['  http://127.0.0.1:3000/dev  ', 'http://127.0.0.1:3000/dev'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
  });
});
