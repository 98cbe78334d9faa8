import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import type { ServedResource } from '../registry/kind-registry.js';
import { listBody, type ListPage } from './read.js';

const served = { apiVersion: 'v1', definition: { listKind: 'ConfigMapList' } } as unknown as ServedResource;

const item = (name: string, data: Record<string, string>) => {
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data } as KubeObject;
  return { object, body: JSON.stringify(object) };
};

test('listBody writes the JSON list a client parses back to its items, metadata and byte length', () => {
  const pages: ListPage[] = [
    { items: [], revision: 7 },
    { items: [item('one', { a: 'b' })], revision: 8 },
    { items: [item('ünï', { 'k€y': 'värde ✓' }), item('two', {}), item('three', { emoji: '🚀' })], revision: 9, continueToken: 'abc', remainingItemCount: 4 },
  ];
  for (const page of pages) {
    const bytes = listBody(served, page);
    const text = bytes.toString('utf8');
    assert.equal(bytes.length, Buffer.byteLength(text), 'every byte written, none left over');
    const metadata: Record<string, unknown> = { resourceVersion: String(page.revision) };
    if (page.continueToken) metadata.continue = page.continueToken;
    if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
    assert.equal(text, JSON.stringify({ kind: 'ConfigMapList', apiVersion: 'v1', metadata, items: page.items.map((i) => i.object) }));
  }
});
