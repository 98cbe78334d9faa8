import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChunkedLineReader } from './chunked-lines.js';

interface Seen {
  status?: number;
  lines: string[];
  ended: boolean;
}

function reader(): { reader: ChunkedLineReader; seen: Seen } {
  const seen: Seen = { lines: [], ended: false };
  const r = new ChunkedLineReader({ onStatus: (s) => (seen.status = s), onLine: (l) => seen.lines.push(l), onEnd: () => (seen.ended = true) });
  return { reader: r, seen };
}

function chunk(text: string): string {
  return `${Buffer.byteLength(text, 'latin1').toString(16)}\r\n${text}\r\n`;
}

const HEAD = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
const EXPECTED_LINES = [
  '{"type":"ADDED","object":{"metadata":{"name":"a-0"}}}',
  '{"type":"ADDED","object":{"metadata":{"name":"a-1"}}}',
  '{"type":"MODIFIED","object":{"metadata":{"name":"a-1"}}}',
  '{"type":"ADDED","object":{"metadata":{"name":"a-2"}}}',
];

test('a chunked watch body gives its lines, status and end, whole or split at any byte', () => {
  // One event per chunk, two in one, one line over two chunks (the second with an extension), then the
  // last chunk and a trailer.
  const response = HEAD + chunk('{"type":"ADDED","object":{"metadata":{"name":"a-0"}}}\n') +
    chunk('{"type":"ADDED","object":{"metadata":{"name":"a-1"}}}\n{"type":"MODIFIED","object":{"metadata":{"name":"a-1"}}}\n') +
    chunk('{"type":"ADDED","object":{"me') +
    `19;ext=1\r\ntadata":{"name":"a-2"}}}\n\r\n` +
    '0\r\nX-Trailer: t\r\n\r\n';
  for (let split = 0; split <= response.length; split++) {
    for (const second of [split, Math.min(response.length, split + 7)]) {
      const { reader: r, seen } = reader();
      r.feed(response.slice(0, split));
      if (second > split) r.feed(response.slice(split, second));
      r.feed(response.slice(second));
      assert.equal(seen.status, 200, `split at ${split}/${second}`);
      assert.deepEqual(seen.lines, EXPECTED_LINES, `split at ${split}/${second}`);
      assert.equal(seen.ended, true, `split at ${split}/${second}`);
    }
  }
});

test('byte by byte, nothing is handed over before its line ends', () => {
  const { reader: r, seen } = reader();
  const body = HEAD + chunk('{"a":1}\n');
  for (let i = 0; i < body.length - 3; i++) r.feed(body[i]!);
  assert.equal(seen.status, 200);
  assert.deepEqual(seen.lines, []);
  for (const c of body.slice(body.length - 3)) r.feed(c);
  assert.deepEqual(seen.lines, ['{"a":1}']);
  assert.equal(seen.ended, false);
});

test('a response that is not chunked (an error Status) reports its status and ends', () => {
  const { reader: r, seen } = reader();
  r.feed('HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{"a":"b"}');
  assert.equal(seen.status, 403);
  assert.deepEqual(seen.lines, []);
  assert.equal(seen.ended, true);
});

test('a chunk longer than its size, or a size that is not hexadecimal, is an error', () => {
  assert.throws(() => reader().reader.feed(`${HEAD}2\r\nabc\r\n`), /longer than its size/);
  assert.throws(() => reader().reader.feed(`${HEAD}zz\r\nabc\r\n`), /bad chunk size/);
});

test('bytes beyond ASCII pass through as latin1 characters, one per byte', () => {
  const { reader: r, seen } = reader();
  const utf8 = Buffer.from('{"name":"ä"}\n', 'utf8');
  r.feed(`${HEAD}${utf8.length.toString(16)}\r\n${utf8.toString('latin1')}\r\n`);
  assert.equal(seen.lines.length, 1);
  assert.equal(Buffer.from(seen.lines[0]!, 'latin1').toString('utf8'), '{"name":"ä"}');
});
