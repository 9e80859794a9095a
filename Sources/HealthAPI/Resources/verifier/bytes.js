// Byte helpers: standard base64 (with or without padding) and SHA-256.

export function fromBase64(text) {
  const clean = text.replace(/[\s]/g, '');
  const binary = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export const toBase64 = (bytes) => btoa(String.fromCharCode(...bytes));

export const toBase64URL = (bytes) => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));

/// The arrays one after another in one Uint8Array.
export function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
