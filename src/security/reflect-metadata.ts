// The few Reflect metadata functions @peculiar/x509's dependency injection (tsyringe) needs at load time.
// Imported before @peculiar/x509 (see x509.ts); a full polyfill package is not a dependency.

type MetadataTable = Map<string | symbol | undefined, Map<unknown, unknown>>;

const tables = new WeakMap<object, MetadataTable>();

function entries(target: object, property: string | symbol | undefined, create: boolean): Map<unknown, unknown> | undefined {
  let table = tables.get(target);
  if (!table) {
    if (!create) return undefined;
    table = new Map();
    tables.set(target, table);
  }
  let values = table.get(property);
  if (!values && create) {
    values = new Map();
    table.set(property, values);
  }
  return values;
}

const reflect = Reflect as unknown as Record<string, unknown>;
if (typeof reflect.getMetadata !== 'function') {
  reflect.defineMetadata = (key: unknown, value: unknown, target: object, property?: string | symbol): void => {
    entries(target, property, true)!.set(key, value);
  };
  reflect.getOwnMetadata = (key: unknown, target: object, property?: string | symbol): unknown => entries(target, property, false)?.get(key);
  reflect.hasOwnMetadata = (key: unknown, target: object, property?: string | symbol): boolean => entries(target, property, false)?.has(key) ?? false;
  reflect.getMetadata = (key: unknown, target: object, property?: string | symbol): unknown => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const values = entries(t, property, false);
      if (values?.has(key)) return values.get(key);
    }
    return undefined;
  };
  reflect.metadata = (key: unknown, value: unknown) => (target: object, property?: string | symbol): void => {
    entries(target, property, true)!.set(key, value);
  };
}
