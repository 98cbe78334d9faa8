import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDns1123Subdomain,
  validatePathSegmentName,
} from './names.js';

// Vectors from apimachinery's pkg/util/validation/validation_test.go.
const cases: { fn: (s: string) => string[]; name: string; good: string[]; bad: string[] }[] = [
  {
    fn: isDns1123Label,
    name: 'isDns1123Label',
    good: ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a'.repeat(63)],
    bad: ['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'a'.repeat(64)],
  },
  {
    fn: isDns1123Subdomain,
    name: 'isDns1123Subdomain',
    good: ['a', 'ab', 'a-1', 'a--1--2--b', '0', '1--a--b--2', 'a.a', 'a--1--2--b.a', '0.1', '1.2.3.4.5', 'aa.bb.cc.dd.ee', '11.22.33.44.55', 'a'.repeat(253)],
    bad: ['', 'A', 'aBc', '-', 'a-', '-a', '_', 'a_b', '.', 'a.', '.a', 'a..b', '1..2', ' ', 'a b', 'A.a', 'ab.A', 'a.B.c.d.e', 'a@b', 'a,b', 'a;b', 'a:b', 'a%b', 'a?b', 'a$b', 'a'.repeat(254)],
  },
  {
    fn: isDns1035Label,
    name: 'isDns1035Label',
    good: ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', 'a'.repeat(63)],
    bad: ['0', '01', '012', '1a', '1-a', '1--a--b--2', '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a.b', 'a'.repeat(64)],
  },
  {
    fn: isQualifiedName,
    name: 'isQualifiedName',
    good: [
      'simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple', 'now-with-dashes/now-with-dashes',
      'now.with.dots/simple', 'now-with.dashes-and.dots/simple', '1-num.2-num/3-num', '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123',
      'example.com/Uppercase_Is_OK_123', 'requests.storage-foo', 'a'.repeat(63), `${'a'.repeat(253)}/${'b'.repeat(63)}`,
    ],
    bad: ['nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc', 'example_com/abc', 'example.com/', '/simple', 'a'.repeat(64), `${'a'.repeat(254)}/abc`],
  },
  {
    fn: isValidLabelValue,
    name: 'isValidLabelValue',
    good: ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), '', 'Uppercase_Is_OK_123', 'a.b_c-d'],
    bad: ['nospecialchars%^=@', 'Tama-nui-te-rā.is_the_Māori_sun', '\\backslashes\\are\\bad', '-starts-with-dash', 'ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', 'a'.repeat(64)],
  },
];

for (const c of cases) {
  test(`${c.name} accepts upstream good values`, () => {
    for (const v of c.good) assert.deepEqual(c.fn(v), [], `${c.name}(${JSON.stringify(v)})`);
  });
  test(`${c.name} rejects upstream bad values`, () => {
    for (const v of c.bad) assert.notDeepEqual(c.fn(v), [], `${c.name}(${JSON.stringify(v)})`);
  });
}

const messages: { name: string; got: string[]; want: string[] }[] = [
  {
    name: 'label with uppercase',
    got: isDns1123Label('Foo'),
    want: [
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ],
  },
  { name: 'label that is a subdomain', got: isDns1123Label('a.b'), want: ['must not contain dots'] },
  {
    name: 'long label',
    got: isDns1123Label('a'.repeat(64)),
    want: ['must be no more than 63 characters'],
  },
  {
    name: 'subdomain',
    got: isDns1123Subdomain('Foo'),
    want: [
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
  },
  {
    name: 'qualified name with two slashes',
    got: isQualifiedName('a/b/c'),
    want: [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
  },
  {
    name: 'qualified name with empty prefix and name',
    got: isQualifiedName('/'),
    want: [
      'prefix part must be non-empty',
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ],
  },
  {
    name: 'label value',
    got: isValidLabelValue('-x'),
    want: [
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  },
  { name: 'label length counts bytes', got: isValidLabelValue('é'.repeat(32)).slice(0, 1), want: ['must be no more than 63 characters'] },
  { name: 'generateName may end in a dash', got: nameIsDns1123Subdomain('web-', true), want: [] },
  { name: 'name may not end in a dash', got: nameIsDns1123Subdomain('web-', false).length > 0 ? ['x'] : [], want: ['x'] },
  { name: 'path segment "."', got: validatePathSegmentName('.', false), want: ["may not be '.'"] },
  { name: 'path segment with / and %', got: validatePathSegmentName('a/%', false), want: ["may not contain '/'", "may not contain '%'"] },
  { name: 'path segment prefix "."', got: validatePathSegmentName('.', true), want: [] },
];

for (const m of messages) {
  test(`message: ${m.name}`, () => assert.deepEqual(m.got, m.want));
}
