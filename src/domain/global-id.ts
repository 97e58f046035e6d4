/**
 * Opaque global IDs (Relay `Node`): base64url of `<Type>:<key>`. Clients must treat them as opaque;
 * the hub guarantees only that the same object always gets the same ID.
 */
export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

export function fromGlobalId(id: string): { type: string; key: string } | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return null;
  return { type: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}
