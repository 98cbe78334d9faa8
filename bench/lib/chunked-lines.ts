// Reads an HTTP/1.1 response whose body is chunked newline-delimited text (a Kubernetes watch) from the
// socket's bytes as they come, decoded latin1 so that one character is one byte and chunk sizes can be
// counted in characters. Whole lines are handed over as they complete; what a line spells beyond ASCII
// stays as its bytes, which is all a benchmark client looking for ASCII names needs.

export interface ChunkedLineHandlers {
  /** The status line's code, once the head is complete. */
  onStatus(status: number): void;
  onLine(line: string): void;
  /** The last chunk arrived (or the response has a body that is not chunked: it is not read). */
  onEnd(): void;
}

type State = 'head' | 'size' | 'data' | 'data-end' | 'trailer' | 'done';

export class ChunkedLineReader {
  private state: State = 'head';
  /** Bytes of the current chunk still to come. */
  private remaining = 0;
  /** Text not yet consumed: an unfinished head, size line or line end. */
  private carry = '';
  /** The start of a line whose end has not arrived. */
  private partialLine = '';

  constructor(private readonly handlers: ChunkedLineHandlers) {}

  feed(bytes: string): void {
    const text = this.carry === '' ? bytes : this.carry + bytes;
    this.carry = '';
    let at = 0;
    while (at < text.length && this.state !== 'done') {
      if (this.state === 'data') {
        at = this.takeData(text, at);
        continue;
      }
      const end = text.indexOf('\r\n', at);
      if (end < 0) break;
      if (this.state === 'head') {
        const headEnd = text.indexOf('\r\n\r\n', at);
        if (headEnd < 0) break;
        this.readHead(text.slice(at, headEnd));
        at = headEnd + 4;
      } else if (this.state === 'size') {
        const size = parseInt(text.slice(at, end), 16);
        if (!Number.isFinite(size) || size < 0) throw new Error(`bad chunk size line ${JSON.stringify(text.slice(at, end))}`);
        this.remaining = size;
        this.state = size === 0 ? 'trailer' : 'data';
        at = end + 2;
      } else if (this.state === 'data-end') {
        if (end !== at) throw new Error('a chunk is longer than its size');
        this.state = 'size';
        at = end + 2;
      } else {
        // Trailer fields, then the empty line that ends the body.
        if (end === at) this.finish();
        at = end + 2;
      }
    }
    if (this.state !== 'done' && at < text.length) this.carry = text.slice(at);
  }

  private readHead(head: string): void {
    const status = Number(head.slice(9, 12));
    this.handlers.onStatus(status);
    if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) return this.finish();
    this.state = 'size';
  }

  /** Consumes the current chunk's bytes from `at`, handing over every line they complete. */
  private takeData(text: string, at: number): number {
    const stop = Math.min(text.length, at + this.remaining);
    let start = at;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) >= 0 && nl < stop) {
      const line = this.partialLine === '' ? text.slice(start, nl) : this.partialLine + text.slice(start, nl);
      this.partialLine = '';
      if (line !== '') this.handlers.onLine(line);
      start = nl + 1;
    }
    if (start < stop) this.partialLine += text.slice(start, stop);
    this.remaining -= stop - at;
    if (this.remaining === 0) this.state = 'data-end';
    return stop;
  }

  private finish(): void {
    this.state = 'done';
    this.handlers.onEnd();
  }
}
