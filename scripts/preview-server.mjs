#!/usr/bin/env node
// Serves the built add-in (dist/) on http://127.0.0.1:<PORT or 3001> so the task
// pane can be opened in a browser, where it runs in preview mode. No dependencies:
// node:http and the file system only. `PORT=0` picks a free port (the e2e tests do).
//
//   npm run build && npm run preview
//   PORT=8080 DIST=some/dir node scripts/preview-server.mjs

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(process.env.DIST ?? join(here, '..', 'dist'));
const port = process.env.PORT === undefined ? 3001 : Number(process.env.PORT);
const host = '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

/** The file under root that a URL path names, or null when it would leave root. */
function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '/' || path === '') path = '/taskpane.html';
  const file = normalize(join(root, path));
  return file === root || file.startsWith(root + sep) ? file : null;
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed\n');
  const file = fileFor(req.url ?? '/');
  if (!file) return send(res, 400, 'Bad path\n');
  try {
    const info = await stat(file);
    if (!info.isFile()) return send(res, 404, 'Not found\n');
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    send(res, 404, 'Not found\n');
  }
});

stat(join(root, 'taskpane.html')).then(
  () => undefined,
  () => console.error(`ragbook preview: ${join(root, 'taskpane.html')} is missing; run "npm run build" first.`),
);

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`Ragbook preview: http://${host}:${actual}/taskpane.html`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
