import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goErrorValue, goFloat, goQuote, goStringSlice } from './go-format.js';

const cases: { name: string; got: string; want: string }[] = [
  // fmt.Sprint(float64(...))
  { name: 'float 0.5', got: goFloat(0.5), want: '0.5' },
  { name: 'float 100000', got: goFloat(100000), want: '100000' },
  { name: 'float 1e6 uses exponent', got: goFloat(1e6), want: '1e+06' },
  { name: 'float 1234567', got: goFloat(1234567), want: '1.234567e+06' },
  { name: 'float 0.0001', got: goFloat(0.0001), want: '0.0001' },
  { name: 'float 0.00001', got: goFloat(0.00001), want: '1e-05' },
  { name: 'float -2.5e-7', got: goFloat(-2.5e-7), want: '-2.5e-07' },
  { name: 'float 1e21', got: goFloat(1e21), want: '1e+21' },
  // strconv.Quote
  { name: 'quote plain', got: goQuote('abc'), want: '"abc"' },
  { name: 'quote escapes', got: goQuote('a"b\\c\n\t\x01\x7f'), want: '"a\\"b\\\\c\\n\\t\\x01\\x7f"' },
  { name: 'quote keeps printable unicode', got: goQuote('rā ☃'), want: '"rā ☃"' },
  { name: 'quote escapes non-printable unicode', got: goQuote('\u00a0\u200b'), want: '"\\u00a0\\u200b"' },
  // field error values
  { name: 'error value int', got: goErrorValue(3), want: '3' },
  { name: 'error value float', got: goErrorValue(2.5), want: '2.5' },
  { name: 'error value bool', got: goErrorValue(false), want: 'false' },
  { name: 'error value string', got: goErrorValue('x'), want: '"x"' },
  { name: 'error value null', got: goErrorValue(null), want: '"null"' },
  { name: 'error value map', got: goErrorValue({ name: 'http', port: 80 }), want: 'map[string]interface {}{"name":"http", "port":80}' },
  { name: 'error value nested', got: goErrorValue([{ a: null }, 1.5, []]), want: '[]interface {}{map[string]interface {}{"a":interface {}(nil)}, 1.5, []interface {}{}}' },
  { name: 'string slice', got: goStringSlice(['a', 'b']), want: '[]string{"a", "b"}' },
];

for (const c of cases) test(c.name, () => assert.equal(c.got, c.want));
