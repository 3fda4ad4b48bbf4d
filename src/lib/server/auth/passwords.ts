/** argon2id with OWASP's recommended parameters (19 MiB, 2 passes). */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

let verifications = 0;

/**
 * How many password verifications (argon2 runs) this process has started: what the sign-in
 * throttle must keep within its limits, so tests and monitoring can count it.
 */
export function passwordVerifications(): number {
	return verifications;
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
	verifications++;
	return verify(stored, password).catch(() => false);
}
