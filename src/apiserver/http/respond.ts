// Writing responses: JSON bodies, Status errors, warnings.

import type { ServerResponse } from 'node:http';
import { ApiError } from '../../machinery/errors.js';

export function sendJson(res: ServerResponse, code: number, body: string | Buffer, contentType = 'application/json', warnings: string[] = []): void {
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  const headers: Record<string, string | string[]> = { 'Content-Type': contentType, 'Content-Length': String(length), 'Cache-Control': 'no-cache, private' };
  if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(body);
}

export function sendError(res: ServerResponse, error: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.code, JSON.stringify(error.toStatus()));
}

export function sendText(res: ServerResponse, code: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}
