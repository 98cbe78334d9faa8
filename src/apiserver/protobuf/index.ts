export {
  decodeKubernetesProtobuf,
  MAX_PROTOBUF_NESTING,
  PROTOBUF_CONTENT_TYPE,
  type ExpectedKind,
} from './decode.js';
export { ProtobufDecodeError } from './errors.js';
export { WireReader } from './wire.js';
export { messageForKind } from './schema.js';
