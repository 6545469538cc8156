// Discord signs every HTTP interaction with the application's Ed25519 key: X-Signature-Ed25519 is the signature of
// X-Signature-Timestamp followed by the raw body. Checked with Node's WebCrypto (Ed25519 works on Node 20), so no
// extra package. The timestamp is also checked for age, so a captured request cannot be replayed later.
import { webcrypto } from 'node:crypto';

/** How far a request's timestamp may be from our clock, either way (s). */
export const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

const HEX = /^(?:[0-9a-f]{2})+$/i;

/** Imports the application's public key (64 hex digits, as the developer portal shows it). */
export async function importPublicKey(hex: string): Promise<webcrypto.CryptoKey> {
  if (!HEX.test(hex) || hex.length !== 64) throw new Error('DISCORD_PUBLIC_KEY must be 64 hexadecimal digits');
  return webcrypto.subtle.importKey('raw', Buffer.from(hex, 'hex'), { name: 'Ed25519' }, false, ['verify']);
}

export async function checkSignature(
  key: webcrypto.CryptoKey,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowMs: number,
): Promise<SignatureCheck> {
  if (!signature || !timestamp) return { ok: false, reason: 'missing signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'timestamp is not Unix seconds' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale timestamp' };
  if (!HEX.test(signature) || signature.length !== 128) return { ok: false, reason: 'malformed signature' };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  const valid = await webcrypto.subtle.verify({ name: 'Ed25519' }, key, Buffer.from(signature, 'hex'), signed);
  return valid ? { ok: true } : { ok: false, reason: 'bad signature' };
}
