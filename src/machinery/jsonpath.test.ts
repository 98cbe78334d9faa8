import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalJsonPath, formatJsonPathCell, JsonPathError } from './jsonpath.js';

// The store document from client-go's jsonpath tests.
const store = {
  Name: 'jsonpath',
  Book: [
    { Category: 'reference', Author: 'Nigel Rees', Title: 'Sayings of the Centurey', Price: 8.95 },
    { Category: 'fiction', Author: 'Evelyn Waugh', Title: 'Sword of Honour', Price: 12.99 },
    { Category: 'fiction', Author: 'Herman Melville', Title: 'Moby Dick', Price: 8.99 },
  ],
  Bicycle: [
    { Color: 'red', Price: 19.95, IsNew: true },
    { Color: 'green', Price: 20.01, IsNew: false },
  ],
  Labels: { engieer: 10, 'web/html': 15, 'k8s-app': 20 },
  Employees: { jason: { Name: 'jason', Manager: true }, dan: { Name: 'dan', Manager: false } },
};

// The node list from client-go's kubectl-style jsonpath tests.
const nodes = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: { capacity: { cpu: '4' }, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
      status: {
        capacity: { cpu: '8' },
        addresses: [
          { type: 'LegacyHostIP', address: '127.0.0.2' },
          { type: 'another', address: '127.0.0.3' },
        ],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

const pod = {
  metadata: { name: 'web-0', annotations: { 'kubernetes.io/change-cause': 'deploy v2' }, labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { replicas: 3, containers: [{ name: 'app', image: 'nginx' }, { name: 'sidecar', image: 'envoy' }], nodeName: null },
  status: {
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
    ],
    restarts: [0, 2, 5],
  },
};

test('client-go store vectors', () => {
  const cases: [string, unknown, string, unknown[]][] = [
    ['recursive', [1, 2, 3], '{..}', [[1, 2, 3]]],
    ['filter', [2, 6, 3, 7], '{[?(@<5)]}', [2, 3]],
    ['quote', null, '{"{"}', ['{']],
    ['union', [0, 1, 2, 3, 4], '{[1,2,3]}', [1, 2, 3]],
    ['array', ['Monday', 'Tudesday'], '{[0:2]}', ['Monday', 'Tudesday']],
    ['variable', store, 'hello {.Name}', ['hello ', 'jsonpath']],
    ['dict/', store, '{$.Labels.web/html}', [15]],
    ['dict bool', store, '{$.Employees.jason.Manager}', [true]],
    ['dict bool false', store, '{$.Employees.dan.Manager}', [false]],
    ['dict-', store, '{.Labels.k8s-app}', [20]],
    ['nest', store, '{.Bicycle[*].Color}', ['red', 'green']],
    ['allarray', store, '{.Book[*].Author}', ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville']],
    ['recurfields', store, '{..Price}', [8.95, 12.99, 8.99, 19.95, 20.01]],
    ['recurdotfields', store, '{...Price}', [8.95, 12.99, 8.99, 19.95, 20.01]],
    ['lastarray', store, '{.Book[-1:]}', [store.Book[2]]],
    ['recurarray', store, '{..Book[2]}', [store.Book[2]]],
    ['bool filter', store, '{.Bicycle[?(@.IsNew==true)]}', [store.Bicycle[0]]],
    ['number filter', store, '{.Book[?(@.Price>9)].Title}', ['Sword of Honour']],
    ['number filter <=', store, '{.Book[?(@.Price<=8.99)].Title}', ['Sayings of the Centurey', 'Moby Dick']],
  ];
  for (const [name, data, expr, want] of cases) assert.deepEqual(evalJsonPath(data, expr), want, name);
});

test('client-go kubectl-style vectors', () => {
  const cases: [string, string, unknown[]][] = [
    ['kind', '{.kind}', ['List']],
    ['bracket kind', "{['kind']}", ['List']],
    ['names', '{.items[*].metadata.name}', ['127.0.0.1', '127.0.0.2']],
    ['password', '{.users[?(@.name=="e2e")].user.password}', ['secret']],
    ['escaped dot', '{.items[0].metadata.labels.kubernetes\\.io/hostname}', ['127.0.0.1']],
    ['nested filter', '{.items[*].status.addresses[?(@.type=="LegacyHostIP")].address}', ['127.0.0.1', '127.0.0.2']],
    ['union of keys, branch by branch', "{.items[*]['metadata', 'kind']}", [nodes.items[0].metadata, nodes.items[1].metadata, 'None', 'None']],
    ['existence filter', '{.users[?(@.user.password)].name}', ['e2e']],
    ['not equal', '{.users[?(@.name!="e2e")].name}', ['myself']],
    ['single quotes', "{.users[?(@.name=='myself')].name}", ['myself']],
    ['root', '{$.kind}', ['List']],
  ];
  for (const [name, expr, want] of cases) assert.deepEqual(evalJsonPath(nodes, expr), want, name);
});

test('printer-column style paths on a pod', () => {
  const cases: [string, unknown[]][] = [
    ['.spec.replicas', [3]],
    ['{.spec.replicas}', [3]],
    ['.metadata.name', ['web-0']],
    ['.spec.containers[*].name', ['app', 'sidecar']],
    ['.spec.containers[0].image', ['nginx']],
    ['.spec.containers[-1].image', ['envoy']],
    ['.spec.containers[*]', pod.spec.containers],
    ['.status.conditions[?(@.type=="Ready")].status', ['False']],
    ['.status.conditions[?(@.type == "Ready")].reason', ['ContainersNotReady']],
    ['.status.conditions[?(@.reason)].type', ['Ready']],
    ["['metadata']['annotations']['kubernetes.io/change-cause']", ['deploy v2']],
    ['.metadata.labels["app.kubernetes.io/name"]', ['web']],
    ['.metadata.annotations.kubernetes\\.io/change-cause', ['deploy v2']],
    ['.status.restarts[1:]', [2, 5]],
    ['.status.restarts[0:3:2]', [0, 5]],
    ['.status.restarts[:2]', [0, 2]],
    ['.status.restarts[0,2]', [0, 5]],
    ['.status.conditions[*].type', ['Initialized', 'Ready']],
    ['.metadata.labels.*', ['web']],
    ['..image', ['nginx', 'envoy']],
    ['.spec.nodeName', [null]],
    // Missing keys, bad indices and type mismatches give no result rather than an error.
    ['.spec.missing', []],
    ['.spec.missing.deeper', []],
    ['.spec.nodeName.x', []],
    ['.spec.containers[5].name', []],
    ['.spec.containers[-3].name', []],
    ['.spec.replicas[0]', []],
    ['.spec.containers.name', []],
    ['.status.conditions[?(@.type=="Nope")].status', []],
    ['.spec[?(@.name)]', []],
    ['.', [pod]],
    ['{.}', [pod]],
  ];
  for (const [expr, want] of cases) assert.deepEqual(evalJsonPath(pod, expr), want, expr);
});

test('syntax errors throw JsonPathError', () => {
  for (const expr of ['metadata.name', '{.a', '.a[0', '.a[abc]', '.a[?(@.x=="y"]', '.a[?(@.x=~"y")]', '.a[?(@.x==bare)]', '{range .items[*]}{.name}{end}', '.a b', '.a[1:2:3:4]', '.a["unterminated]']) {
    assert.throws(() => evalJsonPath(pod, expr), JsonPathError, expr);
  }
});

test('formats printer-column cells like the CRD table convertor', () => {
  const cases: [unknown[], string | number | boolean | undefined][] = [
    [[], undefined],
    [[null], undefined],
    [['Ready'], 'Ready'],
    [[3], 3],
    [[false], false],
    [['a', 'b'], 'a'],
    [[{ b: 1, a: [2, { d: 1, c: 2 }] }], '{"a":[2,{"c":2,"d":1}],"b":1}'],
    [[[1, 'x']], '[1,"x"]'],
  ];
  for (const [values, want] of cases) assert.equal(formatJsonPathCell(values), want, JSON.stringify(values));
  assert.equal(formatJsonPathCell(evalJsonPath(pod, '.status.conditions[?(@.type=="Ready")].status')), 'False');
  assert.equal(formatJsonPathCell(evalJsonPath(pod, '.spec.missing')), undefined);
});

test('an expression parsed once answers for every object it is evaluated on, and a bad one fails every time', () => {
  const expression = '{.metadata.name}/{.spec.replicas}';
  for (let i = 0; i < 3; i++) assert.deepEqual(evalJsonPath({ metadata: { name: `n${i}` }, spec: { replicas: i } }, expression), [`n${i}`, '/', i]);
  for (let i = 0; i < 2; i++) assert.throws(() => evalJsonPath({}, '{.metadata.name'), JsonPathError);
});
