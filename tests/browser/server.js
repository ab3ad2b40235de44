// A tiny static server for the built test site on 127.0.0.1 (a free port), like
// `python3 -m http.server`, that can send a strict Content-Security-Policy and counts the
// bytes it serves.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.bin': 'application/octet-stream', '.svg': 'image/svg+xml',
};
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";

function serve(dir, { csp = true } = {}) {
  // What was served since the last reset (the benchmark counts a cold-cache query).
  const stats = { bytes: 0, files: [] };
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    fs.readFile(file, (err, body) => {
      if (err) {
        if (fs.existsSync(path.join(file, 'index.html'))) { res.writeHead(301, { Location: rel + '/' }).end(); return; }
        res.writeHead(404).end('not found');
        return;
      }
      const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' };
      if (csp) headers['Content-Security-Policy'] = CSP;
      stats.bytes += body.length;
      stats.files.push([rel, body.length]);
      res.writeHead(200, headers).end(body);
    });
  });
  const reset = () => { stats.bytes = 0; stats.files = []; };
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, stats, reset, url: `http://127.0.0.1:${server.address().port}` })));
}

module.exports = { serve, CSP };
