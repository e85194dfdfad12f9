// The baseline for the local API: a bare node:http server answering GET /hello with the same JSON the function
// returns, and nothing else (no event, no function, no logs). Started by lib/local-api.ts, which reads its
// URL over IPC and sends 'close' to stop it.
'use strict';
const { createServer } = require('node:http');

const BODY = JSON.stringify({ message: 'Hello, World!' });
const HEADERS = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(BODY) };

const server = createServer((req, res) => {
  const path = req.url.split('?', 1)[0];
  if (req.method === 'GET' && path === '/hello') {
    res.writeHead(200, HEADERS);
    res.end(BODY);
    return;
  }
  res.writeHead(403, { 'Content-Type': 'application/json' });
  res.end('{"message":"Missing Authentication Token"}');
});

server.listen(0, '127.0.0.1', () => {
  process.send({ url: `http://127.0.0.1:${server.address().port}` });
});
process.on('message', (message) => {
  if (message === 'close') server.close(() => process.exit(0));
});
