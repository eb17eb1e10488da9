// Copied from kit/redact.ts by `npm run kit`: edit that file, not this copy.
// Secrets kept out of every message a builder sees or an execution stores.

/** Removes a secret from text that will be shown to the builder or stored in an execution. */
export function redact(value: string, secret: string | undefined): string {
	if (!secret || secret.length < 4) return value;
	return value.split(secret).join('[redacted]');
}
