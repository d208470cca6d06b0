// Variant D: fixed bytes for any POST, the HTTP ceiling of this machine and client.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.env.STATIC_RESPONSE_FILE;
if (!file) throw new Error('STATIC_RESPONSE_FILE must name the response body to serve');
const body = readFileSync(file);
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };

const server = createServer((req, res) => {
  // Drain the request body so keep-alive connections stay usable.
  req.resume();
  req.on('end', () => {
    if (req.method !== 'POST') res.writeHead(405).end();
    else res.writeHead(200, headers).end(body);
  });
});
const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => {
  const address = server.address();
  console.log(`READY http://${host}:${typeof address === 'object' && address ? address.port : port}`);
});
