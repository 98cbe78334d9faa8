import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goJson } from './values.js';

test("goJson writes values as Go's encoder does: keys sorted, <, > and & escaped, the same on every call", () => {
  const long = `<${'x'.repeat(300)}&>`;
  for (let i = 0; i < 3; i++) {
    assert.equal(goJson('Ready'), '"Ready"');
    assert.equal(goJson('a<b>&"c"\u2028'), '"a\\u003cb\\u003e\\u0026\\"c\\"\\u2028"');
    assert.equal(goJson(long), `"\\u003c${'x'.repeat(300)}\\u0026\\u003e"`);
    assert.equal(goJson({ b: 1, a: ['<', true, null] }), '{"a":["\\u003c",true,null],"b":1}');
    assert.equal(goJson(''), '""');
  }
});
