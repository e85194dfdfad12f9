// The local API under requests no friendly client would send, written byte for byte over TCP.
import { HELLO_MESSAGES } from '../fixtures/hello-api/messages';
import { expectHelloServed, linesSince, HELLO_TEMPLATE, rawGet } from '../helpers/hostile';
import { startTestApi, type RunningApi } from '../helpers/local-api';
import { rawExchange, rawRequest } from '../helpers/raw-http';

let running: RunningApi;
let port: number;
beforeAll(async () => {
  running = await startTestApi({ templatePath: HELLO_TEMPLATE });
  port = running.api.port;
});
afterAll(() => running.stop());

const HOST = 'Host: 127.0.0.1';
const NAME_CHARACTERS = { message: HELLO_MESSAGES.characters };
const NAME_LENGTH = { message: HELLO_MESSAGES.length };
const NAME_REPEATED = { message: HELLO_MESSAGES.repeated };

/** Sends the bytes on a fresh connection; returns the one response, the server's lines since, and whether it closed. */
async function exchange(
  bytes: string | Buffer,
): Promise<{ status: number; text: string; closed: boolean; log: string }> {
  const mark = running.lines.length;
  const result = await rawExchange(port, [bytes], { timeoutMs: 5000 });
  expect(result.responses).toHaveLength(1);
  const [response] = result.responses;
  return { status: response!.status, text: response!.text, closed: result.closed, log: linesSince(running, mark) };
}

describe('malformed requests: 400, the connection closed, the reason in the terminal, then business as usual', () => {
  it.each([
    ['an invalid method token', `G@T /dev/hello HTTP/1.1\r\n${HOST}\r\n\r\n`, 'HPE_INVALID_METHOD'],
    ['a method no HTTP server knows', `FROB /dev/hello HTTP/1.1\r\n${HOST}\r\n\r\n`, 'HPE_INVALID_METHOD'],
    ['a lower-case method', `get /dev/hello HTTP/1.1\r\n${HOST}\r\n\r\n`, 'HPE_INVALID_METHOD'],
    ['binary garbage', '\x00\x01\x02\xff\xfe garbage\r\n\r\n', 'HPE_INVALID_METHOD'],
    ['an unknown HTTP version', `GET /dev/hello HTTP/9.9\r\n${HOST}\r\n\r\n`, 'HPE_INVALID_VERSION'],
    ['bare LF line ends', `GET /dev/hello HTTP/1.1\n${HOST}\n\n`, 'HPE_[A-Z_]+'],
    ['a space inside the request target', `GET /dev/hello world HTTP/1.1\r\n${HOST}\r\n\r\n`, 'HPE_[A-Z_]+'],
    ['a control character in the path', `GET /dev/hel\x01lo HTTP/1.1\r\n${HOST}\r\n\r\n`, 'HPE_INVALID_URL'],
    [
      'raw (unencoded) UTF-8 bytes in the query',
      Buffer.concat([
        Buffer.from('GET /dev/hello?name='),
        Buffer.from('Jürgen'),
        Buffer.from(` HTTP/1.1\r\n${HOST}\r\n\r\n`),
      ]),
      'HPE_INVALID_URL',
    ],
    [
      'a space before a header colon',
      `GET /dev/hello HTTP/1.1\r\n${HOST}\r\nX-A : b\r\n\r\n`,
      'HPE_INVALID_HEADER_TOKEN',
    ],
    [
      'a header name with a separator in it',
      `GET /dev/hello HTTP/1.1\r\n${HOST}\r\nX(A): b\r\n\r\n`,
      'HPE_INVALID_HEADER_TOKEN',
    ],
    [
      'a NUL byte in a header value',
      `GET /dev/hello HTTP/1.1\r\n${HOST}\r\nX-A: a\x00b\r\n\r\n`,
      'HPE_INVALID_HEADER_TOKEN',
    ],
    [
      'an obsolete folded header line',
      `GET /dev/hello HTTP/1.1\r\n${HOST}\r\nX-A: a\r\n folded\r\n\r\n`,
      'HPE_[A-Z_]+',
    ],
    [
      'two different Content-Length headers',
      `POST /dev/hello HTTP/1.1\r\n${HOST}\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab`,
      'HPE_UNEXPECTED_CONTENT_LENGTH',
    ],
    [
      'two identical Content-Length headers',
      `GET /dev/hello HTTP/1.1\r\n${HOST}\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na`,
      'HPE_UNEXPECTED_CONTENT_LENGTH',
    ],
    [
      'Content-Length with Transfer-Encoding (request smuggling)',
      `GET /dev/hello HTTP/1.1\r\n${HOST}\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      'HPE_[A-Z_]+',
    ],
    [
      'a negative Content-Length',
      `GET /dev/hello HTTP/1.1\r\n${HOST}\r\nContent-Length: -1\r\n\r\n`,
      'HPE_INVALID_CONTENT_LENGTH',
    ],
    [
      'a chunked body with a malformed chunk size',
      `GET /dev/hello HTTP/1.1\r\n${HOST}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n`,
      'HPE_INVALID_CHUNK_SIZE',
    ],
    [
      'an unsupported Transfer-Encoding',
      `GET /dev/hello HTTP/1.1\r\n${HOST}\r\nTransfer-Encoding: gzip\r\n\r\n`,
      'HPE_INVALID_TRANSFER_ENCODING',
    ],
  ])('%s', async (_label, bytes, code) => {
    const { status, closed, log } = await exchange(bytes);
    expect(status).toBe(400);
    expect(closed).toBe(true);
    expect(log).toMatch(new RegExp(`^Client error \\(${code}\\): \\S`, 'm'));
    await expectHelloServed(port);
  });
});

describe('the Host header', () => {
  it('an HTTP/1.1 request without Host → 400 and the connection closed (RFC 9112 §3.2)', async () => {
    const { status, closed } = await exchange(`GET /dev/hello HTTP/1.1\r\nAccept: */*\r\n\r\n`);
    expect(status).toBe(400);
    expect(closed).toBe(true);
    await expectHelloServed(port);
  });

  it('an HTTP/1.0 request needs no Host and is served, then closed', async () => {
    const { status, text, closed } = await exchange('GET /dev/hello?name=Ada HTTP/1.0\r\n\r\n');
    expect([status, JSON.parse(text)]).toEqual([200, { message: 'Hello, Ada!' }]);
    expect(closed).toBe(true);
  });

  it('serves a request in absolute form (RFC 9112 §3.2.2) at its path', async () => {
    const { status, text } = await exchange(
      `GET http://127.0.0.1/dev/hello?name=Ada HTTP/1.1\r\n${HOST}\r\nConnection: close\r\n\r\n`,
    );
    expect([status, JSON.parse(text)]).toEqual([200, { message: 'Hello, Ada!' }]);
  });

  it('names a request without Host in the terminal', async () => {
    const { status, log } = await exchange(`GET /dev/hello HTTP/1.1\r\nAccept: */*\r\n\r\n`);
    expect(status).toBe(400);
    expect(log).toMatch(/400 for GET \/dev\/hello: an HTTP\/1\.1 request without a Host header/);
  });

  it('answers 400 to a request with two Host headers (RFC 9112 §3.2), and names it in the terminal', async () => {
    const { status, closed, log } = await exchange(
      `GET /dev/hello HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n`,
    );
    expect(status).toBe(400);
    expect(closed).toBe(true);
    expect(log).toMatch(/an HTTP\/1\.1 request with 2 Host headers/);
    await expectHelloServed(port);
  });
});

describe('CONNECT (a proxy tunnel request)', () => {
  it('does not open a tunnel, and the server keeps serving', async () => {
    const result = await rawExchange(port, [`CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n`]);
    expect(result.closed).toBe(true);
    expect(result.responses.every((response) => response.status >= 400)).toBe(true);
    await expectHelloServed(port);
  });

  it('answers CONNECT with 403 Missing Authentication Token and names it in the terminal', async () => {
    const { status, text, closed, log } = await exchange(
      `CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n`,
    );
    expect([status, JSON.parse(text)]).toEqual([403, { message: 'Missing Authentication Token' }]);
    expect(closed).toBe(true);
    expect(log).toMatch(/403 for CONNECT example\.com:443: the local API does not open tunnels/);
  });
});

describe('oversized requests', () => {
  it.each([
    ['a 20 KB URL', `GET /dev/hello?name=${'a'.repeat(20_000)} HTTP/1.1\r\n${HOST}\r\n\r\n`],
    ['a 20 KB header', `GET /dev/hello HTTP/1.1\r\n${HOST}\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`],
    [
      '2,000 headers (about 20 KB)',
      `GET /dev/hello HTTP/1.1\r\n${HOST}\r\n${Array.from({ length: 2000 }, (_, i) => `X-H-${i}: v\r\n`).join('')}\r\n`,
    ],
  ])('%s → 431 (or 414 for the URL), the connection closed, the reason in the terminal', async (label, bytes) => {
    const { status, closed, log } = await exchange(bytes);
    expect(label.includes('URL') ? [414, 431] : [431]).toContain(status);
    expect(closed).toBe(true);
    expect(log).toMatch(/^Client error \(HPE_HEADER_OVERFLOW\): \S/m);
    await expectHelloServed(port);
  });

  it('a long URL within the server limits reaches the function, which rejects the name as too long', async () => {
    const response = await rawGet(port, `/dev/hello?name=${'a'.repeat(8000)}`);
    expect([response.status, JSON.parse(response.text)]).toEqual([400, NAME_LENGTH]);
  });

  it('500 headers, or an 8 KB header, within the limits are served', async () => {
    const many = await rawGet(
      port,
      '/dev/hello',
      Array.from({ length: 500 }, (_, i) => `X-H-${i}: v`),
    );
    expect([many.status, JSON.parse(many.text)]).toEqual([200, { message: 'Hello, World!' }]);
    const long = await rawGet(port, '/dev/hello', [`X-Big: ${'b'.repeat(8000)}`]);
    expect([long.status, JSON.parse(long.text)]).toEqual([200, { message: 'Hello, World!' }]);
  });
});

describe('paths the template does not define → 403 Missing Authentication Token, never the function', () => {
  const malformed = ['/dev/hello%', '/dev/%zzhello', '/dev/hell%6', '/dev/hello%E0%A4%A'];
  const traversals = [
    '/hello/../hello',
    '/dev/../dev/hello',
    '/dev/hello/..',
    '/dev/hello/%2e%2e/hello',
    '/dev/%2e%2e/dev/hello',
    '/dev/%2E%2E/hello',
    '/dev/./hello',
    '/dev/%2e/hello',
    // An encoded slash is part of a segment, not a separator.
    '/dev%2fhello',
    '/dev/hello%2f..%2fhello',
    '/dev/..%2fdev%2fhello',
    '/dev/hello%00',
    '/dev/hello;/..',
  ];
  it.each([...malformed.map((path) => [path, 'malformed']), ...traversals.map((path) => [path, 'traversal'])])(
    'GET %s (%s)',
    async (path, kind) => {
      const mark = running.lines.length;
      const outputMark = running.output.length;
      const response = await rawGet(port, path);
      expect(running.output.slice(outputMark)).toEqual([]); // the function printed nothing: it never ran
      expect(response.status).toBe(403);
      expect(response.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
      expect(JSON.parse(response.text)).toEqual({ message: 'Missing Authentication Token' });
      const log = linesSince(running, mark);
      expect(log).toContain(`GET ${path} 403`);
      if (kind === 'malformed') expect(log).toContain(`403 for GET ${path}: malformed percent-encoding in the path`);
      await expectHelloServed(port);
    },
  );
});

describe('the query string reaches the function as API Gateway decodes it', () => {
  it.each([
    ['a truncated UTF-8 escape, kept as sent', '?name=%E0%A4%A', 400, NAME_CHARACTERS],
    ['a lone %', '?name=%', 400, NAME_CHARACTERS],
    ['a non-hex escape', '?name=%G1', 400, NAME_CHARACTERS],
    ['an escaped NUL', '?name=%00', 400, NAME_CHARACTERS],
    ['an escaped & and = (no extra parameter)', '?name=Ada%26name%3DBob', 400, NAME_CHARACTERS],
    ['a repeated name', '?name=Ada&name=Bob', 400, NAME_REPEATED],
    ['a malformed key, and no name', '?%=x&%zz', 200, { message: 'Hello, World!' }],
    ['escaped ASCII', '?name=%41da', 200, { message: 'Hello, Ada!' }],
    ['escaped UTF-8', '?name=J%C3%BCrgen', 200, { message: 'Hello, Jürgen!' }],
    ['+ as a space', '?name=Grace+Hopper', 200, { message: 'Hello, Grace Hopper!' }],
  ])('%s: %s → %i', async (_label, query, status, body) => {
    const response = await rawGet(port, `/dev/hello${query}`);
    expect([response.status, JSON.parse(response.text)]).toEqual([status, body]);
  });
});

describe('one connection, many requests', () => {
  it('answers pipelined requests (sent in one write) in order, whatever the outcome of each', async () => {
    const result = await rawExchange(port, [
      [
        rawRequest('GET /dev/hello?name=Ada HTTP/1.1', [HOST]),
        rawRequest('GET /nowhere HTTP/1.1', [HOST]),
        rawRequest('GET /dev/hello?name=%3Cb%3E HTTP/1.1', [HOST]),
        rawRequest('GET /dev/hello/%2e%2e HTTP/1.1', [HOST]),
        rawRequest('GET /hello HTTP/1.1', [HOST, 'Connection: close']),
      ]
        .map((bytes) => bytes.toString('latin1'))
        .join(''),
    ]);
    expect(result.closed).toBe(true);
    expect(result.responses.map((r) => [r.status, JSON.parse(r.text) as unknown])).toEqual([
      [200, { message: 'Hello, Ada!' }],
      [403, { message: 'Missing Authentication Token' }],
      [400, NAME_CHARACTERS],
      [403, { message: 'Missing Authentication Token' }],
      [200, { message: 'Hello, World!' }],
    ]);
  });

  it('keeps a connection alive across requests and faults, and closes it on a malformed request', async () => {
    const mark = running.lines.length;
    const result = await rawExchange(
      port,
      [
        rawRequest('GET /dev/hello HTTP/1.1', [HOST]),
        { afterResponses: 1 },
        rawRequest('GET /dev/hello/.. HTTP/1.1', [HOST]),
        { afterResponses: 2 },
        rawRequest('GET /dev/hello?name=%E0%A4%A HTTP/1.1', [HOST]),
        { afterResponses: 3 },
        rawRequest('G@T /dev/hello HTTP/1.1', [HOST]),
        rawRequest('GET /dev/hello?name=Never HTTP/1.1', [HOST]),
      ],
      { timeoutMs: 5000 },
    );
    expect(result.closed).toBe(true);
    expect(result.responses.map((r) => [r.status, r.headers.connection])).toEqual([
      [200, 'keep-alive'],
      [403, 'keep-alive'],
      [400, 'keep-alive'],
      [400, 'close'],
    ]);
    const log = linesSince(running, mark);
    expect(log).toMatch(/^Client error \(HPE_INVALID_METHOD\)/m);
    expect(log).not.toContain('Never');
    await expectHelloServed(port);
  });

  it('answers pipelined requests before closing on a malformed one that follows them', async () => {
    const mark = running.lines.length;
    const pipelined = [
      rawRequest('GET /dev/hello?name=Ada HTTP/1.1', [HOST]),
      rawRequest('GET /nowhere HTTP/1.1', [HOST]),
      rawRequest('G@T /dev/hello HTTP/1.1', [HOST]),
    ];
    const result = await rawExchange(port, [Buffer.concat(pipelined)], { timeoutMs: 5000 });
    expect(result.closed).toBe(true);
    expect(result.responses.map((r) => r.status)).toEqual([200, 403, 400]);
    expect(JSON.parse(result.responses[0]!.text)).toEqual({ message: 'Hello, Ada!' });
    expect(linesSince(running, mark)).toMatch(/^Client error \(HPE_INVALID_METHOD\)/m);
  });
});
