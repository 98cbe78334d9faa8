import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveFormat, stringFormatCheck } from './formats.js';

const cases: { format: string; good: string[]; bad: string[] }[] = [
  { format: 'uuid', good: ['123e4567-e89b-12d3-a456-426614174000', '123E4567E89B12D3A456426614174000'], bad: ['', 'xyz', '123e4567-e89b-12d3-a456-42661417400'] },
  { format: 'uuid4', good: ['123e4567-e89b-42d3-a456-426614174000'], bad: ['123e4567-e89b-12d3-a456-426614174000'] },
  { format: 'date', good: ['2024-02-29', '2023-12-31'], bad: ['2023-02-29', '2024-13-01', '2024-1-01', '24-01-01', '2024-01-01T00:00:00Z'] },
  {
    format: 'date-time',
    good: ['2024-01-01T00:00:00Z', '2024-01-01t23:59:59.123456+05:30', '2024-01-01T10:00:00-07:00'],
    bad: ['2024-01-01', '2024-01-01T24:00:00Z', '2024-01-01T10:00:00', '2024-01-01 10:00:00Z', 'now'],
  },
  { format: 'datetime', good: ['2024-01-01T00:00:00Z'], bad: ['x'] },
  { format: 'duration', good: ['1h30m', '-1.5s', '300ms', '0', '3 days', '1 week'], bad: ['', 'abc', '10'] },
  { format: 'byte', good: ['aGVsbG8=', 'aGk=', 'YWJj'], bad: ['', 'a', 'aGVsbG8', 'a=bc', '!!!!'] },
  { format: 'email', good: ['ops@example.com', 'a.b+c@sub.example.org', 'Ops Team <ops@example.com>', '"quoted name"@example.com'], bad: ['', 'ops', 'ops@', '@example.com', 'a..b@example.com'] },
  { format: 'hostname', good: ['example.com', 'a', 'web-1.example.io', 'localhost'], bad: ['', '-a.com', 'a_b.com', `${'a'.repeat(64)}.com`] },
  { format: 'ipv4', good: ['10.0.0.1', '255.255.255.255', '::ffff:10.0.0.1'], bad: ['256.0.0.1', '01.2.3.4', '10.0.0', '::1'] },
  { format: 'ipv6', good: ['::1', '2001:db8::1', '::ffff:10.0.0.1'], bad: ['10.0.0.1', 'fe80::1%eth0', '2001:db8:::1'] },
  { format: 'cidr', good: ['10.0.0.0/8', '2001:db8::/32', '0.0.0.0/0'], bad: ['10.0.0.0', '10.0.0.0/33', '2001:db8::/129', 'x/8'] },
  { format: 'mac', good: ['00:00:5e:00:53:01', '00-00-5E-00-53-01', '0000.5e00.5301', '02:00:5e:10:00:00:00:01'], bad: ['00:00:5e:00:53', '00:00:5e:00-53:01', 'zz:00:5e:00:53:01'] },
  { format: 'uri', good: ['https://example.com/a?b=c', 'http://user@host:8080/p', '/just/a/path', 'mailto:ops@example.com', '*'], bad: ['', 'relative/path', 'http://exa mple.com/', '/bad%zz', 'http://host:port/'] },
  { format: 'hexcolor', good: ['#fff', 'ABCDEF'], bad: ['#ffff', 'ggg'] },
  { format: 'rgbcolor', good: ['rgb(0, 128, 255)'], bad: ['rgb(256,0,0)', 'rgb(1,2)'] },
  { format: 'isbn10', good: ['0-321-75104-3', '080442957X'], bad: ['0321751044'] },
  { format: 'isbn13', good: ['978-0321751041'], bad: ['9780321751042'] },
  { format: 'isbn', good: ['0321751043', '9780321751041'], bad: ['123'] },
  { format: 'creditcard', good: ['4111 1111 1111 1111', '5500-0000-0000-0004'], bad: ['4111111111111112', '1234'] },
  { format: 'ssn', good: ['123-45-6789', '123 45 6789'], bad: ['123456789', '12-345-6789'] },
  { format: 'bsonobjectid', good: ['507f1f77bcf86cd799439011'], bad: ['507f1f77bcf86cd79943901', '507f1f77bcf86cd79943901z'] },
  { format: 'quantity', good: ['100m', '1Gi', '1.5', '1e3', '-2'], bad: ['1GB', 'abc', ''] },
  { format: 'password', good: ['', 'anything'], bad: [] },
];

for (const c of cases) {
  test(`format ${c.format}`, () => {
    const check = stringFormatCheck(c.format);
    assert.ok(check, `${c.format} is registered`);
    for (const v of c.good) assert.equal(check(v), true, `${c.format} accepts ${JSON.stringify(v)}`);
    for (const v of c.bad) assert.equal(check(v), false, `${c.format} rejects ${JSON.stringify(v)}`);
  });
}

const effective: { schema: Parameters<typeof effectiveFormat>[0]; want: string }[] = [
  { schema: { type: 'string', format: 'date-time' }, want: 'date-time' },
  { schema: { type: 'string', format: 'int32' }, want: '' },
  { schema: { type: 'string', format: 'made-up' }, want: '' },
  { schema: { type: 'integer', format: 'int32' }, want: 'int32' },
  { schema: { type: 'integer', format: 'uuid' }, want: '' },
  { schema: { type: 'number', format: 'double' }, want: 'double' },
  { schema: { type: 'boolean', format: 'byte' }, want: '' },
  { schema: { 'x-kubernetes-int-or-string': true, format: 'uuid' }, want: 'uuid' },
];

for (const c of effective) test(`effective format of ${JSON.stringify(c.schema)}`, () => assert.equal(effectiveFormat(c.schema), c.want));
