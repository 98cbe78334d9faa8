// A bounds-checked reader for the protobuf wire format (varint, 64-bit, length-delimited, 32-bit).

import { ProtobufDecodeError } from './errors.js';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

export interface Tag {
  field: number;
  wireType: number;
}

export class WireReader {
  private pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    if (start < 0 || end > buf.length || start > end) throw new ProtobufDecodeError('invalid buffer bounds');
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  readTag(): Tag {
    const key = this.readVarint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field === 0 || field > 0x1fffffff) throw new ProtobufDecodeError(`invalid field number ${field} at offset ${this.pos}`);
    return { field, wireType };
  }

  /** An unsigned varint that must fit in 2^53 (tags, lengths, and most integers in practice). */
  readVarint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufDecodeError(`truncated varint at offset ${this.pos}`);
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (result > Number.MAX_SAFE_INTEGER) throw new ProtobufDecodeError(`varint too large at offset ${this.pos}`);
        return result;
      }
      scale *= 128;
    }
    throw new ProtobufDecodeError(`varint longer than 10 bytes at offset ${this.pos}`);
  }

  /** A varint as the 64-bit two's-complement value it encodes. */
  readVarint64(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufDecodeError(`truncated varint at offset ${this.pos}`);
      const byte = this.buf[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asIntN(64, result);
      shift += 7n;
    }
    throw new ProtobufDecodeError(`varint longer than 10 bytes at offset ${this.pos}`);
  }

  readFixed32(): Uint8Array {
    return this.take(4);
  }

  readFixed64(): Uint8Array {
    return this.take(8);
  }

  /** The payload of a length-delimited field, as a view into the buffer. */
  readBytes(): Uint8Array {
    return this.take(this.readVarint());
  }

  /** The [start, end) offsets of a length-delimited payload, for reading it with a nested reader. */
  readSpan(): [number, number] {
    const length = this.readVarint();
    this.need(length);
    const start = this.pos;
    this.pos += length;
    return [start, this.pos];
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.readVarint64();
        return;
      case WIRE_FIXED64:
        this.take(8);
        return;
      case WIRE_BYTES:
        this.readSpan();
        return;
      case WIRE_FIXED32:
        this.take(4);
        return;
      default:
        throw new ProtobufDecodeError(`unsupported wire type ${wireType} at offset ${this.pos}`);
    }
  }

  private take(length: number): Uint8Array {
    this.need(length);
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  private need(length: number): void {
    if (length > this.end - this.pos) {
      throw new ProtobufDecodeError(`truncated data: ${length} bytes needed at offset ${this.pos}, ${this.end - this.pos} left`);
    }
  }
}
