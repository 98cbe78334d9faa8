// devices.kubeedge.io/v1alpha1 Device and DeviceModel: KubeEdge's device API in the shape the seed writes
// (protocol.modbus {host, port, unitID}; nodeSelector as a plain label map) and KubeEdge's own shape.

import type { KubeObject } from '../../machinery/object.js';
import { ageColumn, defineCrd, objectSchema } from './crd.js';
import { labelSelectorRequirement } from './fragments.js';
import { anyValue, arr, freeObject, int64, num, obj, oneOf, str, stringMap, type Schema } from './schema.js';

const EDGE_CATEGORIES = ['kubeedge'];

const modbus = (): Schema =>
  obj({
    host: str(),
    port: int64({ minimum: 0, maximum: 65535 }),
    unitID: int64({ minimum: 0, maximum: 255 }),
    slaveID: int64(),
    tcp: obj({ ip: str(), port: int64(), slaveID: int64() }, ['ip', 'port']),
    rtu: obj({ serialPort: str(), baudRate: int64(), dataBits: int64(), parity: str(), stopBits: int64(), slaveID: int64() }),
  });

/**
 * KubeEdge writes a core NodeSelector here ({nodeSelectorTerms}); the seed writes a plain label map. The term
 * list is typed and other keys are kept, so both forms are stored intact.
 */
const deviceNodeSelector = (): Schema => ({
  type: 'object',
  properties: {
    nodeSelectorTerms: arr(obj({ matchExpressions: arr(labelSelectorRequirement()), matchFields: arr(labelSelectorRequirement()) })),
  },
  'x-kubernetes-preserve-unknown-fields': true,
});

const deviceSchema = (): Schema =>
  objectSchema({
    spec: obj({
      deviceModelRef: obj({ name: str() }, ['name']),
      protocol: obj({
        modbus: modbus(),
        opcua: obj({
          url: str(),
          userName: str(),
          password: str(),
          securityPolicy: str(),
          securityMode: str(),
          certificate: str(),
          privateKey: str(),
          timeout: int64(),
        }, ['url']),
        bluetooth: obj({ macAddress: str() }),
        customizedProtocol: obj({ protocolName: str(), configData: freeObject() }, ['protocolName']),
        common: freeObject({ description: 'Protocol-independent settings (collect/report cycles, custom values).' }),
      }),
      nodeSelector: deviceNodeSelector(),
      nodeName: str(),
      propertyVisitors: arr(
        obj({
          propertyName: str(),
          reportCycle: int64(),
          collectCycle: int64(),
          customizedValues: freeObject(),
          modbus: freeObject(),
          opcua: freeObject(),
          bluetooth: freeObject(),
          customizedProtocol: freeObject(),
        }, ['propertyName']),
      ),
      data: obj({
        dataTopic: str(),
        dataProperties: arr(obj({ propertyName: str(), metadata: stringMap() }, ['propertyName'])),
      }),
    }),
    status: obj({
      twins: arr(
        obj(
          {
            propertyName: str(),
            desired: obj({ value: str(), metadata: stringMap() }, ['value']),
            reported: obj({ value: str(), metadata: stringMap() }, ['value']),
          },
          ['propertyName'],
        ),
      ),
    }),
  });

const propertyType = (): Schema =>
  obj({
    accessMode: oneOf(['ReadWrite', 'ReadOnly']),
    defaultValue: anyValue(),
    minimum: num(),
    maximum: num(),
    unit: str(),
  });

const deviceModelSchema = (): Schema =>
  objectSchema({
    spec: obj({
      protocol: str(),
      properties: arr(
        obj(
          {
            name: str(),
            description: str(),
            type: obj({
              int: propertyType(),
              string: propertyType(),
              double: propertyType(),
              float: propertyType(),
              boolean: propertyType(),
              bytes: propertyType(),
            }),
          },
          ['name'],
        ),
      ),
    }),
  });

export const kubeedgeCrds = (): KubeObject[] => [
  defineCrd({
    group: 'devices.kubeedge.io',
    kind: 'Device',
    scope: 'Namespaced',
    categories: EDGE_CATEGORIES,
    versions: [
      {
        name: 'v1alpha1',
        schema: deviceSchema(),
        columns: [
          { name: 'MODEL', type: 'string', jsonPath: '.spec.deviceModelRef.name' },
          { name: 'NODE', type: 'string', jsonPath: '.spec.nodeName' },
          ageColumn(),
        ],
      },
    ],
  }),
  defineCrd({
    group: 'devices.kubeedge.io',
    kind: 'DeviceModel',
    scope: 'Namespaced',
    categories: EDGE_CATEGORIES,
    versions: [{ name: 'v1alpha1', schema: deviceModelSchema(), columns: [ageColumn()] }],
  }),
];
