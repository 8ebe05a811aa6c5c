/**
 * 微信 message encryption (security mode), as documented for 公众号/小店 pushes:
 * key = base64(EncodingAESKey + "=") (32 bytes), AES-256-CBC, IV = first 16 key bytes, PKCS#7 padding to
 * 32-byte blocks; plaintext = 16 random bytes + 4-byte big-endian message length + message + appid.
 * msg_signature = sha1 of the sorted [token, timestamp, nonce, Encrypt] joined.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BLOCK = 32;

export function wechatKey(encodingAESKey: string): Buffer {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
  return key;
}

export function wechatSignature(parts: readonly string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

export function verifyWechatSignature(expected: string | undefined, parts: readonly string[]): boolean {
  if (!expected || !/^[0-9a-fA-F]{40}$/.test(expected)) return false;
  return timingSafeEqual(Buffer.from(wechatSignature(parts), 'hex'), Buffer.from(expected, 'hex'));
}

/** Decrypts `Encrypt`; returns the message and the appid it was sealed for, or throws. */
export function wechatDecrypt(encodingAESKey: string, encrypted: string): { message: string; appId: string } {
  const key = wechatKey(encodingAESKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  const pad = padded[padded.length - 1];
  if (padded.length === 0 || padded.length % BLOCK !== 0) throw new Error('bad length');
  if (pad < 1 || pad > BLOCK || pad > padded.length) throw new Error('bad padding');
  // Every padding byte, not only the last: a damaged or forged block must not decrypt "successfully".
  for (let i = padded.length - pad; i < padded.length; i++) if (padded[i] !== pad) throw new Error('bad padding');
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < 20) throw new Error('too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new Error('bad length');
  return {
    message: plain.subarray(20, 20 + length).toString('utf8'),
    appId: plain.subarray(20 + length).toString('utf8'),
  };
}

/** The platform side of the algorithm: used by tests and the bench to build real pushes. */
export function wechatEncrypt(
  encodingAESKey: string,
  appId: string,
  message: string,
  random = randomBytes(16),
): string {
  const key = wechatKey(encodingAESKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
    'base64',
  );
}
