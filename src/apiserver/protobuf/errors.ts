/** Thrown for any body that is not a well-formed Kubernetes protobuf envelope of a kind we can decode. */
export class ProtobufDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufDecodeError';
  }
}
