// Every YAML document in ../shared/corpus (seed examples, upstream Kurator examples, Karmada samples)
// passes `kubectl apply --dry-run=server` against the hub, unchanged.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { startTestHub, type TestHub } from '../support/hub.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { CORPUS_DIR } from '../support/corpus.js';

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

const present = existsSync(CORPUS_DIR);

/**
 * Corpus documents a real kube-apiserver rejects too, with the error it gives. Upstream validates custom
 * resource names as DNS-1123 subdomains (apiextensions-apiserver customResourceValidator), so the
 * upstream Kurator example's "CustomMetric-demo" cannot be created on any Kubernetes cluster.
 */
const REJECTED_UPSTREAM: Record<string, RegExp> = {
  'kurator/rollout/canaryWithCustomMetric.yaml': /The Application "CustomMetric-demo" is invalid: metadata.name: Invalid value: "CustomMetric-demo": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters/,
};

describe('corpus YAML applies unchanged (server-side dry run)', { skip: present ? false : 'no ../shared/corpus beside the project' }, () => {
  let hub: TestHub;
  let kubectl: Kubectl;
  const files = present ? yamlFiles(CORPUS_DIR) : [];

  before(async () => {
    hub = await startTestHub();
    kubectl = kubectlFor(hub.kubeconfigPath);
    // The namespaces the documents live in exist first, as they would in a user's hub.
    const namespaces = new Set<string>();
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const value = doc.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
        if (value?.metadata?.namespace) namespaces.add(value.metadata.namespace);
        if (value?.kind === 'Namespace' && value.metadata?.name) namespaces.add(value.metadata.name);
      }
    }
    const manifest = [...namespaces].map((ns) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`).join('---\n');
    await kubectl.ok(['apply', '-f', '-'], manifest);
  });
  after(async () => {
    await hub?.dispose();
  });

  test('the corpus has documents', () => {
    assert.ok(files.length >= 20, `found ${files.length} YAML files`);
  });

  for (const file of files) {
    const name = relative(CORPUS_DIR, file);
    test(name, async () => {
      const result = await kubectl(['apply', '--dry-run=server', '-f', file]);
      const rejection = REJECTED_UPSTREAM[name];
      if (rejection) {
        assert.notEqual(result.code, 0, `${name} is invalid on Kubernetes and must be rejected here too`);
        assert.match(result.stderr, rejection);
        return;
      }
      assert.equal(result.code, 0, `kubectl apply --dry-run=server -f ${name}\n${result.stderr}`);
      assert.doesNotMatch(result.stderr, /Warning: unknown field/);
      assert.match(result.stdout, /\(server dry run\)/);
    });
  }
});
