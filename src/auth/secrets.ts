import { createHash, randomBytes } from 'node:crypto';

/** Every secret starts with this, so a leaked one is recognisable (secret scanners, log greps). */
export const SECRET_PREFIX = 'kb_';

// 32 random bytes (256 bits) in base64url are 43 characters.
const secretShape = /^kb_[A-Za-z0-9_-]{43}$/;

export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/** A token that cannot be one of ours is refused without a database lookup. */
export const hasSecretShape = (token: string): boolean => secretShape.test(token);

/**
 * Plain SHA-256 is the right hash for these secrets: they are 256 random
 * bits, so a stolen hash cannot be reversed by guessing, and salt or a slow
 * password hash (bcrypt, scrypt, argon2), which exist to protect low-entropy
 * human passwords, would only add milliseconds to every request. Unsalted, the
 * hash is also the index a request's key is found by; what the timing of that
 * lookup could reveal is a hash prefix, which says nothing about a secret.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
