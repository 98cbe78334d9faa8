// Container image references split the way Karmada's image overrider sees them: [registry/]repository[:tag]
// or [@digest]. Parsing follows the distribution reference grammar (names are lower case, at most 255
// characters; digests must use a known algorithm). The registry is the first path component only when it
// contains "." or ":" or is "localhost"; otherwise the whole name is the repository (no docker.io default).
// A reference with both a tag and a digest keeps only the tag, as Karmada does.

import { OverrideError } from './types.js';

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const HOST = `(?:${DOMAIN_NAME}|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN_AND_PORT}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';

const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_TAG = new RegExp(`^${TAG}$`);
const ANCHORED_DIGEST = new RegExp(`^${DIGEST}$`);
const NAME_MAX = 255;
/** Longer inputs are not references; the cap also bounds regular-expression work. */
const INPUT_MAX = 4096;

const DIGEST_HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);

export interface ImageReference {
  registry: string;
  repository: string;
  tag: string;
  digest: string;
}

function checkDigest(digest: string): void {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const length = DIGEST_HEX_LENGTH.get(algorithm);
  if (length === undefined) throw new OverrideError('unsupported digest algorithm');
  if (encoded.length !== length) throw new OverrideError('invalid checksum digest length');
  if (!/^[a-f0-9]+$/.test(encoded)) throw new OverrideError('invalid checksum digest format');
}

export function parseImage(image: string): ImageReference {
  const match = image.length <= INPUT_MAX ? REFERENCE.exec(image) : null;
  if (!match) {
    if (image === '') throw new OverrideError('repository name must have at least one component');
    if (image.length <= INPUT_MAX && REFERENCE.test(image.toLowerCase())) throw new OverrideError('repository name must be lowercase');
    throw new OverrideError('invalid reference format');
  }
  const [, name, tag = '', digest = ''] = match;
  if (name.length > NAME_MAX) throw new OverrideError(`repository name must not be more than ${NAME_MAX} characters`);
  if (digest) checkDigest(digest);
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const hasRegistry = slash !== -1 && (/[.:]/.test(first) || first === 'localhost');
  return {
    registry: hasRegistry ? first : '',
    repository: hasRegistry ? name.slice(slash + 1) : name,
    tag,
    digest: tag ? '' : digest,
  };
}

export function formatImage(ref: ImageReference): string {
  const repository = ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
  if (ref.tag) return `${repository}:${ref.tag}`;
  if (ref.digest) return `${repository}@${ref.digest}`;
  return repository;
}

export const tagOrDigest = (ref: ImageReference): string => ref.tag || ref.digest;

/** Sets a tag or a digest depending on what `value` looks like; anything else leaves `ref` as it was. */
export function withTagOrDigest(ref: ImageReference, value: string): ImageReference {
  if (ANCHORED_TAG.test(value)) return { ...ref, tag: value, digest: '' };
  if (ANCHORED_DIGEST.test(value)) return { ...ref, tag: '', digest: value };
  return ref;
}

/** Removes the tag if there is one, else the digest. */
export function withoutTagOrDigest(ref: ImageReference): ImageReference {
  return ref.tag ? { ...ref, tag: '' } : { ...ref, digest: '' };
}
