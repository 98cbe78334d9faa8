// Generates ../descriptors.ts from Go binaries that link the Kubernetes API types.
//
//   node dist/src/apiserver/protobuf/tools/extract-descriptors.js KUBECTL_BINARY APIEXTENSIONS_BINARY VERSION > descriptors.ts
//
// KUBECTL_BINARY: kubectl v1.32 (k8s.io/api and apimachinery); APIEXTENSIONS_BINARY: any Go binary that
// also links k8s.io/apiextensions-apiserver (its missing newer fields come from apiextensions-overlay.ts).
// Field numbers, types and nullability come from the embedded FileDescriptorProtos; JSON names, omitempty,
// ",inline" and pointer-ness come from the Go struct tags and field kinds in the reflection metadata.

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { hasCustomJsonForm } from '../decode.js';
import { readFileDescriptor, type ProtoField, type ProtoMessage } from './file-descriptor.js';
import { GoBinary, GO_KIND_POINTER, type GoStruct, type GoStructField } from './go-binary.js';
import { EXTRA_ROOTS, kindTable } from './kinds.js';
import { APIEXTENSIONS_ADDITIONS } from './apiextensions-overlay.js';
import { F_INLINE, F_KEEP_EMPTY, F_POINTER, F_REPEATED, type FieldKind, type FieldTuple, type ScalarKind } from '../schema.js';

const SCALARS: Record<number, ScalarKind> = {
  1: 'double', 2: 'float', 3: 'int64', 4: 'uint64', 5: 'int32', 8: 'bool', 9: 'string', 12: 'bytes', 13: 'uint32',
};
const TYPE_MESSAGE = 11;

export function generateDescriptors(kubectlPath: string, extraPath: string, version: string): { source: string; warnings: string[] } {
  const messages = new Map<string, ProtoMessage>();
  const structs = new Map<string, GoStruct>();
  for (const path of [kubectlPath, extraPath]) {
    const bin = readFileSync(path);
    const go = new GoBinary(bin);
    for (const file of go.fileDescriptors()) {
      for (const m of readFileDescriptor(file).messages) if (!messages.has(m.fullName)) messages.set(m.fullName, m);
    }
    for (const s of go.structs()) if (!structs.has(`${s.pkg}.${s.name}`)) structs.set(`${s.pkg}.${s.name}`, s);
  }
  applyAdditions(messages, structs);

  const kinds = kindTable();
  const out = new Map<string, FieldTuple[]>();
  const warnings: string[] = [];
  const queue = [...Object.values(kinds), ...EXTRA_ROOTS];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (out.has(name) || hasCustomJsonForm(name)) continue;
    const message = messages.get(name);
    if (!message) throw new Error(`no descriptor for ${name}`);
    const go = structs.get(goKey(name));
    if (!go && message.fields.length > 0) warnings.push(`no Go struct for ${name}; pointer-ness from gogoproto.nullable, all fields omitempty`);
    const tuples: FieldTuple[] = [];
    for (const field of [...message.fields].sort((a, b) => a.number - b.number)) {
      const tuple = fieldTuple(field, go, messages, name, warnings);
      if (!tuple) continue;
      tuples.push(tuple);
      if (tuple[4]) queue.push(tuple[4]);
    }
    out.set(name, tuples);
  }
  return { source: render(out, kinds, version), warnings };
}

function fieldTuple(field: ProtoField, go: GoStruct | undefined, messages: Map<string, ProtoMessage>, owner: string, warnings: string[]): FieldTuple | undefined {
  const goField = go?.fields.find((f) => protobufNumber(f.tag) === field.number);
  if (go && !goField) warnings.push(`${owner}.${field.name}: no Go field with protobuf number ${field.number}`);
  const json = goField ? jsonTag(goField) : { name: field.name, omitempty: true, inline: false, skip: false };
  if (json.skip) return undefined;
  let flags = 0;
  if (field.repeated) flags |= F_REPEATED;
  const pointer = goField ? goField.kind === GO_KIND_POINTER : field.nullable && !field.repeated;
  if (pointer) flags |= F_POINTER;
  if (!json.omitempty && !json.inline) flags |= F_KEEP_EMPTY;
  if (json.inline) flags |= F_INLINE;
  if (field.type === TYPE_MESSAGE) {
    const target = messages.get(field.typeName ?? '');
    if (target?.mapEntry) {
      const key = target.fields.find((f) => f.number === 1);
      const value = target.fields.find((f) => f.number === 2);
      if (key?.type !== 9 || !value) throw new Error(`${owner}.${field.name}: unsupported map entry ${field.typeName}`);
      flags &= ~(F_REPEATED | F_POINTER);
      if (value.type === TYPE_MESSAGE) return [field.number, json.name, 'map', flags, value.typeName!, 'message'];
      return [field.number, json.name, 'map', flags, '', scalar(value, owner)];
    }
    return [field.number, json.name, 'message', flags, field.typeName!];
  }
  const kind: FieldKind = scalar(field, owner);
  return [field.number, json.name, kind, flags];
}

function scalar(field: ProtoField, owner: string): ScalarKind {
  const kind = SCALARS[field.type];
  if (!kind) throw new Error(`${owner}.${field.name}: unsupported protobuf type ${field.type}`);
  return kind;
}

function protobufNumber(tag: string): number | undefined {
  const m = /protobuf:"[a-z0-9]+,(\d+),/.exec(tag);
  return m ? Number(m[1]) : undefined;
}

function jsonTag(f: GoStructField): { name: string; omitempty: boolean; inline: boolean; skip: boolean } {
  const m = /(?:^|\s)json:"([^"]*)"/.exec(f.tag);
  const parts = (m?.[1] ?? '').split(',');
  const name = parts[0] || f.name;
  return { name, omitempty: parts.includes('omitempty'), inline: parts.includes('inline'), skip: parts[0] === '-' };
}

/** k8s.io.api.apps.v1.DeploymentSpec -> k8s.io/api/apps/v1.DeploymentSpec */
function goKey(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  const pkg = 'k8s.io/' + fullName.slice('k8s.io.'.length, dot).replace(/\./g, '/').replace(/_/g, '-');
  return `${pkg}.${fullName.slice(dot + 1)}`;
}

function applyAdditions(messages: Map<string, ProtoMessage>, structs: Map<string, GoStruct>): void {
  for (const { message, proto, go } of APIEXTENSIONS_ADDITIONS) {
    let m = messages.get(message);
    if (!m) messages.set(message, (m = { fullName: message, fields: [], mapEntry: false }));
    if (!m.fields.some((f) => f.number === proto.number)) m.fields.push(proto);
    const key = goKey(message);
    let s = structs.get(key);
    if (!s) structs.set(key, (s = { pkg: key.slice(0, key.lastIndexOf('.')), name: key.slice(key.lastIndexOf('.') + 1), fields: [] }));
    if (!s.fields.some((f) => protobufNumber(f.tag) === proto.number)) s.fields.push(go);
  }
}

function render(messages: Map<string, FieldTuple[]>, kinds: Record<string, string>, version: string): string {
  const aliases = new Map<string, string>();
  const ref = (name: string): string => {
    const dot = name.lastIndexOf('.');
    const pkg = name.slice(0, dot + 1);
    let alias = aliases.get(pkg);
    if (!alias) aliases.set(pkg, (alias = packageAlias(pkg)));
    return `${alias} + '${name.slice(dot + 1)}'`;
  };
  const body: string[] = [];
  for (const name of [...messages.keys()].sort()) {
    const fields = messages.get(name)!.map((t) => {
      const items = trimTuple(t).map((v, i) => (i === 4 && v ? ref(String(v)) : JSON.stringify(v).replace(/"/g, "'")));
      return `[${items.join(',')}]`;
    });
    body.push(`  [${ref(name)}]: [${fields.join(',')}],`);
  }
  const kindLines = Object.entries(kinds).map(([k, v]) => `  '${k}': ${ref(v)},`);
  return [
    '// Generated by tools/extract-descriptors.ts; do not edit by hand.',
    `// Source: the protobuf descriptors and Go struct metadata linked into kubectl ${version}`,
    '// (k8s.io/api, k8s.io/apimachinery) and a Go binary linking k8s.io/apiextensions-apiserver, plus',
    '// tools/apiextensions-overlay.ts for apiextensions fields added up to v1.32. Regenerate with the command in',
    '// tools/extract-descriptors.ts. Messages with a hand-written JSON form (decode.ts) are not listed.',
    '// Tuple: [field number, JSON name, kind, flags (1 repeated, 2 pointer, 4 keep empty, 8 inline), message, map value kind].',
    '',
    "import type { FieldTuple } from './schema.js';",
    '',
    ...[...aliases.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([pkg, alias]) => `const ${alias} = '${pkg}';`),
    '',
    'export const KINDS: Record<string, string> = {',
    ...kindLines,
    '};',
    '',
    'export const MESSAGES: Record<string, readonly FieldTuple[]> = {',
    ...body,
    '};',
    '',
  ].join('\n');
}

/** k8s.io.api.apps.v1. -> appsV1; k8s.io.apimachinery.pkg.apis.meta.v1. -> metaV1; ...pkg.util.intstr. -> intstr */
function packageAlias(pkg: string): string {
  const parts = pkg.split('.').filter(Boolean);
  const last = parts[parts.length - 1]!;
  if (!/^v\d/.test(last)) return last;
  const group = parts[parts.length - 2]!;
  return `${group}${last[0]!.toUpperCase()}${last.slice(1)}`;
}

function trimTuple(t: FieldTuple): unknown[] {
  const out: unknown[] = [...t];
  while (out.length > 4 && !out[out.length - 1]) out.pop();
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [kubectlPath, extraPath, version] = process.argv.slice(2);
  if (!kubectlPath || !extraPath || !version) throw new Error('usage: extract-descriptors KUBECTL_BINARY APIEXTENSIONS_BINARY VERSION');
  const { source, warnings } = generateDescriptors(kubectlPath, extraPath, version);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  process.stdout.write(source);
}
