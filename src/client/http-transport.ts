// The HTTP(S) connection side of the HTTP client: ordinary requests go through an undici pool (keep-alive,
// about half the client CPU per request of node:http, which matters when one hub talks to hundreds of
// members); watches, long-lived streams, use node:http with their own agent, so they never starve
// requests. Credentials and timeouts are set here. Credentials go only into request headers: never into
// URLs, messages or errors.

import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { ConnectionOptions } from 'node:tls';
import { Pool, type Dispatcher } from 'undici';
import { dispatchForText, type HttpResponse } from './dispatch-text.js';
import { CONNECTION_FAILED, TIMEOUT } from './errors.js';
import type { RequestThread } from './request-thread.js';
import type { RestConfig } from './kubeconfig.js';
import { ClientError } from './types.js';

export interface HttpTransportOptions {
  /** Concurrent connections for ordinary requests (watches use their own pool). Default 32. */
  maxSockets?: number;
  /** Idle timeout of an ordinary request in ms. Default 30,000. */
  timeoutMs?: number;
  userAgent?: string;
  /** Send ordinary requests on this thread instead of this one's event loop (watches stay here). */
  requestThread?: RequestThread;
}

export type { HttpResponse };

const TOKEN_FILE_REREAD_MS = 60_000;

export class HttpTransport {
  private readonly base: URL;
  private readonly basePath: string;
  private readonly https: boolean;
  /** Created on first use; close() drops it (and its connections), a later request opens a new one. */
  private pool: Pool | undefined;
  private readonly requestThread: RequestThread | undefined;
  /** The pool's id on the request thread, when requests go there; opened on first use like `pool`. */
  private threadPool: number | undefined;
  private readonly poolOptions: Pool.Options;
  private readonly watchAgent: HttpAgent;
  private readonly timeoutMs: number;
  private readonly userAgent: string;
  private tokenFromFile: { token: string; readAt: number } | undefined;

  constructor(
    private readonly config: RestConfig,
    options: HttpTransportOptions = {},
  ) {
    this.base = new URL(config.server);
    this.basePath = this.base.pathname.replace(/\/+$/, '');
    this.https = this.base.protocol === 'https:';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.userAgent = options.userAgent ?? 'kurator';
    this.requestThread = options.requestThread;
    const common = { keepAlive: true, maxFreeSockets: 8 };
    const tls: ConnectionOptions = { rejectUnauthorized: config.insecureSkipTlsVerify !== true };
    if (this.https) {
      if (config.ca) tls.ca = config.ca;
      if (config.cert) tls.cert = config.cert;
      if (config.key) tls.key = config.key;
      if (config.tlsServerName) tls.servername = config.tlsServerName;
      this.watchAgent = new HttpsAgent({ ...common, ...tls });
    } else {
      this.watchAgent = new HttpAgent(common);
    }
    this.poolOptions = {
      connections: options.maxSockets ?? 32,
      // Idle limits like the socket timeout of node:http: no headers, or no body data, for this long.
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      ...(this.https ? { connect: tls } : {}),
    };
  }

  /** Where requests go, for messages: the server's origin and path prefix, never credentials. */
  describe(path: string): string {
    return `${this.base.origin}${this.basePath}${path.split('?')[0]}`;
  }

  /** `accept` replaces the default Accept header (application/json). */
  async request(method: string, path: string, body?: { text: string; contentType: string }, accept?: string): Promise<HttpResponse> {
    const headers = this.headers(accept);
    if (body) headers['Content-Type'] = body.contentType;
    const request = { method, path: `${this.basePath}${path}`, headers, body: body?.text ?? null };
    try {
      if (this.requestThread) {
        this.threadPool ??= this.requestThread.openPool(this.base.origin, this.poolOptions);
        return await this.requestThread.request(this.threadPool, request);
      }
      this.pool ??= new Pool(this.base.origin, this.poolOptions);
      return await dispatchForText(this.pool, { ...request, method: method as Dispatcher.HttpMethod });
    } catch (error) {
      throw this.connectionError(method, path, error);
    }
  }

  /** A GET whose response is streamed (watch); no idle timeout, its own connection pool. */
  stream(path: string, onResponse: (res: IncomingMessage) => void, accept?: string): ClientRequest {
    const req = this.send('GET', path, this.headers(accept), this.watchAgent);
    req.on('response', onResponse);
    req.end();
    return req;
  }

  connectionError(method: string, path: string, error: unknown): ClientError {
    if (error instanceof ClientError) return error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new ClientError(0, TIMEOUT, `${method} ${this.describe(path)}: no response within ${this.timeoutMs} ms`);
    }
    if (code === 'UND_ERR_DESTROYED' || code === 'UND_ERR_CLOSED') return new ClientError(0, CONNECTION_FAILED, `${method} ${this.describe(path)}: the connection pool was closed`);
    const detail = code ?? (error instanceof Error ? error.message : String(error));
    return new ClientError(0, CONNECTION_FAILED, `${method} ${this.describe(path)}: ${detail}`);
  }

  close(): void {
    // Requests still in flight fail with a connection error; nothing waits on the pool's teardown.
    this.pool?.destroy().catch(() => undefined);
    this.pool = undefined;
    if (this.threadPool !== undefined) this.requestThread?.closePool(this.threadPool);
    this.threadPool = undefined;
    this.watchAgent.destroy();
  }

  private send(method: string, path: string, headers: OutgoingHttpHeaders, agent: HttpAgent): ClientRequest {
    const options = {
      protocol: this.base.protocol,
      hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
      port: this.base.port || (this.https ? 443 : 80),
      path: `${this.basePath}${path}`,
      method,
      headers,
      agent,
    };
    return this.https ? httpsRequest(options) : httpRequest(options);
  }

  private headers(accept = 'application/json'): Record<string, string> {
    const headers: Record<string, string> = { Accept: accept, 'User-Agent': this.userAgent };
    const token = this.bearerToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    else if (this.config.username !== undefined && this.config.password !== undefined) {
      headers.Authorization = `Basic ${Buffer.from(`${this.config.username}:${this.config.password}`).toString('base64')}`;
    }
    return headers;
  }

  private bearerToken(): string | undefined {
    if (this.config.token) return this.config.token;
    const file = this.config.tokenFile;
    if (!file) return undefined;
    const now = Date.now();
    if (!this.tokenFromFile || now - this.tokenFromFile.readAt > TOKEN_FILE_REREAD_MS) {
      try {
        this.tokenFromFile = { token: readFileSync(file, 'utf8').trim(), readAt: now };
      } catch {
        // Keep using the last token we read; without one, the request goes out unauthenticated.
        if (!this.tokenFromFile) return undefined;
      }
    }
    return this.tokenFromFile.token;
  }
}
