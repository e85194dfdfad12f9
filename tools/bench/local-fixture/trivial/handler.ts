// The trivial handler: a fixed answer and nothing else, so its figures are each tool's own cost per request.
// npm run bench:local rewrites the version in the message to measure edit → new code served.
export const handler = (): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> =>
  Promise.resolve({
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: '{"message":"trivial v0"}',
  });
