// The emulator as Discord's side of an HTTP interactions endpoint: it holds the application's Ed25519 key pair,
// signs each interaction (X-Signature-Ed25519 over timestamp + body) and POSTs it to the bot's endpoint; a 200 answer
// counts as the interaction's callback, so the bot can then edit @original through the emulator's REST API.
import { webcrypto } from 'node:crypto';

export interface SigningKeys {
  publicKeyHex: string;
  sign(message: Buffer): Promise<string>;
}

export async function signingKeys(): Promise<SigningKeys> {
  const pair = (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const publicKeyHex = Buffer.from(await webcrypto.subtle.exportKey('raw', pair.publicKey)).toString('hex');
  return {
    publicKeyHex,
    sign: async (message) =>
      Buffer.from(await webcrypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, message)).toString('hex'),
  };
}

export interface PostOptions {
  /** Unix seconds sent in X-Signature-Timestamp (default: now). */
  timestamp?: number;
  /** Sign with a different key (a forged request). */
  signWith?: SigningKeys;
  /** Change the body after signing it (a tampered request). */
  tamper?: (body: string) => string;
}

export interface PostResult {
  status: number;
  body: unknown;
}

export async function postSigned(
  url: string,
  payload: unknown,
  keys: SigningKeys,
  options: PostOptions = {},
): Promise<PostResult> {
  const body = JSON.stringify(payload);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = await (options.signWith ?? keys).sign(Buffer.from(timestamp + body, 'utf8'));
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
    body: options.tamper ? options.tamper(body) : body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, body: parsed };
}
