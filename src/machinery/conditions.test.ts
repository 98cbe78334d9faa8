import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conditionTrue, statusCondition } from './conditions.js';

test('statusCondition finds the first condition of a type and skips entries that are not objects', () => {
  const object = { status: { conditions: [null, 'Ready', { type: 'Ready', status: 'False' }, { type: 'Ready', status: 'True' }] } };
  assert.deepEqual(statusCondition(object, 'Ready'), { type: 'Ready', status: 'False' });
  assert.equal(conditionTrue(object, 'Ready'), false, 'the first entry of the type decides');
  assert.equal(statusCondition(object, 'Complete'), undefined);
});

test('conditionTrue is false without status, conditions or a True status', () => {
  assert.equal(conditionTrue({}, 'Ready'), false);
  assert.equal(conditionTrue({ status: { conditions: 'Ready' } }, 'Ready'), false);
  assert.equal(conditionTrue({ status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }, 'Ready'), false);
  assert.equal(conditionTrue({ status: { conditions: [{ type: 'Ready', status: 'True' }] } }, 'Ready'), true);
  assert.equal(conditionTrue(null, 'Ready'), false);
});
