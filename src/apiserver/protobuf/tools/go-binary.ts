// Reads two things out of a statically linked Go ELF binary (amd64, Go 1.20+) such as kubectl:
// - the gzipped protobuf FileDescriptorProtos that gogo-generated packages embed, and
// - the reflection metadata of struct types (field names, struct tags, field kinds), which tells
//   the Go field's json tag and whether it is a pointer.

import { gunzipSync } from 'node:zlib';

export interface GoStructField {
  name: string;
  tag: string;
  /** reflect.Kind of the field's type (22 = pointer). */
  kind: number;
}

export interface GoStruct {
  /** Package path, e.g. k8s.io/api/apps/v1. */
  pkg: string;
  /** Unqualified type name, e.g. DeploymentSpec. */
  name: string;
  fields: GoStructField[];
}

export const GO_KIND_POINTER = 22;

interface Segment {
  offset: number;
  vaddr: number;
  size: number;
}

export class GoBinary {
  private readonly segments: Segment[] = [];
  private readonly rodata: number;

  constructor(private readonly bin: Buffer) {
    if (bin.readUInt32BE(0) !== 0x7f454c46 || bin[4] !== 2) throw new Error('not a 64-bit ELF file');
    const phoff = Number(bin.readBigUInt64LE(0x20));
    const phentsize = bin.readUInt16LE(0x36);
    for (let i = 0; i < bin.readUInt16LE(0x38); i++) {
      const o = phoff + i * phentsize;
      if (bin.readUInt32LE(o) !== 1) continue; // PT_LOAD
      this.segments.push({
        offset: Number(bin.readBigUInt64LE(o + 8)),
        vaddr: Number(bin.readBigUInt64LE(o + 16)),
        size: Number(bin.readBigUInt64LE(o + 32)),
      });
    }
    this.rodata = this.sectionAddress('.rodata');
  }

  /** Every embedded descriptor whose file name ends in generated.proto. */
  fileDescriptors(): Uint8Array[] {
    const out: Uint8Array[] = [];
    const magic = Buffer.from([0x1f, 0x8b, 0x08]);
    for (let i = this.bin.indexOf(magic); i >= 0; i = this.bin.indexOf(magic, i + 1)) {
      let data: Buffer;
      try {
        data = gunzipSync(this.bin.subarray(i, i + 4_000_000));
      } catch {
        continue;
      }
      if (data[0] === 0x0a && data.subarray(0, 200).toString('latin1').includes('generated.proto')) out.push(data);
    }
    return out;
  }

  /** Named struct types that have at least one field with a json tag. */
  structs(): GoStruct[] {
    const names = this.taggedFieldNames();
    const out: GoStruct[] = [];
    const bin = this.bin;
    // A reflect struct type is abi.Type (48 bytes), PkgPath (8), then the Fields slice header (ptr, len, cap).
    for (let p = 56; p + 24 <= bin.length; p += 8) {
      const len = bin.readUInt32LE(p + 8);
      if (len === 0 || len > 400 || bin.readUInt32LE(p + 12) !== 0 || bin.readBigUInt64LE(p + 16) !== BigInt(len)) continue;
      const fieldsAt = this.toOffset(Number(bin.readBigUInt64LE(p)));
      if (fieldsAt < 0 || fieldsAt + len * 24 > bin.length || !names.has(Number(bin.readBigUInt64LE(fieldsAt)))) continue;
      const fields: GoStructField[] = [];
      for (let i = 0; i < len; i++) {
        const entry = fieldsAt + i * 24;
        const nameAt = this.toOffset(Number(bin.readBigUInt64LE(entry)));
        const typeAt = this.toOffset(Number(bin.readBigUInt64LE(entry + 8)));
        if (nameAt < 0 || typeAt < 0) break;
        const { name, tag } = this.readName(nameAt);
        fields.push({ name, tag, kind: bin[typeAt + 23]! & 0x1f });
      }
      if (fields.length !== len) continue;
      const typeAt = p - 56;
      const tflag = bin[typeAt + 20]!;
      if ((tflag & 1) === 0) continue; // not a named type
      const typeName = this.readName(this.toOffset(this.rodata + bin.readInt32LE(typeAt + 40))).name;
      const pkgOff = bin.readInt32LE(typeAt + 80); // uncommonType.PkgPath follows the struct type
      const pkg = pkgOff ? this.readName(this.toOffset(this.rodata + pkgOff)).name : '';
      out.push({ pkg, name: typeName.replace(/^\*/, '').replace(/^.*\./, ''), fields });
    }
    return out;
  }

  /** Addresses of abi.Name records (flags, varint length, name, varint length, tag) whose tag has json:". */
  private taggedFieldNames(): Set<number> {
    const bin = this.bin;
    const found = new Set<number>();
    const needle = Buffer.from('json:"');
    for (let o = bin.indexOf(needle); o >= 0; o = bin.indexOf(needle, o + 1)) {
      for (const width of [1, 2]) {
        const lengthAt = o - width;
        const [tagLength, after] = this.varint(lengthAt);
        if (after !== o || bin[o + tagLength - 1] !== 0x22) continue;
        for (let n = 1; n < 128; n++) {
          if (bin[lengthAt - n - 1] !== n) continue;
          const flags = bin[lengthAt - n - 2]!;
          if ((flags & 2) === 0 || flags > 15) continue;
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(bin.toString('latin1', lengthAt - n, lengthAt))) continue;
          const address = this.toAddress(lengthAt - n - 2);
          if (address >= 0) found.add(address);
          break;
        }
      }
    }
    return found;
  }

  private readName(offset: number): { name: string; tag: string } {
    if (offset < 0) return { name: '', tag: '' };
    const flags = this.bin[offset]!;
    const [length, start] = this.varint(offset + 1);
    const name = this.bin.toString('utf8', start, start + length);
    let tag = '';
    if (flags & 2) {
      const [tagLength, tagStart] = this.varint(start + length);
      tag = this.bin.toString('utf8', tagStart, tagStart + tagLength);
    }
    return { name, tag };
  }

  private varint(offset: number): [number, number] {
    let value = 0;
    let scale = 1;
    for (let p = offset; p < offset + 5 && p < this.bin.length; p++) {
      const byte = this.bin[p]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return [value, p + 1];
      scale *= 128;
    }
    return [-1, -1];
  }

  private sectionAddress(wanted: string): number {
    const bin = this.bin;
    const shoff = Number(bin.readBigUInt64LE(0x28));
    const shentsize = bin.readUInt16LE(0x3a);
    const count = bin.readUInt16LE(0x3c);
    const names = Number(bin.readBigUInt64LE(shoff + bin.readUInt16LE(0x3e) * shentsize + 24));
    for (let i = 0; i < count; i++) {
      const o = shoff + i * shentsize;
      const start = names + bin.readUInt32LE(o);
      if (bin.toString('latin1', start, bin.indexOf(0, start)) === wanted) return Number(bin.readBigUInt64LE(o + 16));
    }
    throw new Error(`no ${wanted} section`);
  }

  private toOffset(address: number): number {
    for (const s of this.segments) if (address >= s.vaddr && address < s.vaddr + s.size) return address - s.vaddr + s.offset;
    return -1;
  }

  private toAddress(offset: number): number {
    for (const s of this.segments) if (offset >= s.offset && offset < s.offset + s.size) return offset - s.offset + s.vaddr;
    return -1;
  }
}
