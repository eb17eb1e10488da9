// Looks for secrets and stack traces in text the suite collected: executions, n8n's log, error messages, answers.

export interface Leak {
	source: string;
	secret: string;
	context: string;
}

/** A secret's value as shown in a report: enough to recognise it, not enough to reuse it. */
function mask(secret: string): string {
	return `${secret.slice(0, 6)}…(${secret.length} chars)`;
}

const HEX_RUN = /[0-9a-f]{16,}/gi;

/**
 * Every value of the API key and of every X-Payram-Signature sent. Signatures are looked up by their hex part
 * (at least 16 hex digits, so a short truncated signature cannot match an unrelated hash by chance).
 */
export class SecretScanner {
	private readonly literals = new Set<string>();
	private readonly hexes = new Set<string>();
	private readonly hexLengths = new Set<number>();
	readonly leaks: Leak[] = [];
	scannedChars = 0;
	scannedSources = 0;

	addLiteral(secret: string): void {
		if (secret.length >= 8) this.literals.add(secret);
	}

	addSignature(signature: string): void {
		const hex = /^sha\d+=([0-9a-f]+)$/i.exec(signature.trim())?.[1] ?? (/^[0-9a-f]+$/i.test(signature.trim()) ? signature.trim() : undefined);
		if (hex && hex.length >= 16) {
			this.hexes.add(hex.toLowerCase());
			this.hexLengths.add(hex.length);
		}
	}

	get signatureCount(): number {
		return this.hexes.size;
	}

	scan(source: string, text: string): void {
		this.scannedSources++;
		this.scannedChars += text.length;
		for (const literal of this.literals) {
			const at = text.indexOf(literal);
			if (at >= 0) this.leaks.push({ source, secret: mask(literal), context: text.slice(Math.max(0, at - 80), at).replace(/\s+/g, ' ') });
		}
		if (this.hexes.size === 0) return;
		for (const match of text.matchAll(HEX_RUN)) {
			const run = match[0].toLowerCase();
			// A signature may sit inside a longer hex run only at some offset; check every length we sent.
			for (const length of this.hexLengths) {
				for (let start = 0; start + length <= run.length; start++) {
					const candidate = run.slice(start, start + length);
					if (this.hexes.has(candidate)) {
						this.leaks.push({ source, secret: `signature ${mask(candidate)}`, context: text.slice(Math.max(0, (match.index ?? 0) - 80), match.index).replace(/\s+/g, ' ') });
						break;
					}
				}
			}
		}
	}
}

/** Signs of a stack trace or an internal error in an HTTP answer. */
export function stackTraceIn(body: string): string | undefined {
	const checks: Array<[string, RegExp]> = [
		['a stack frame with a file path', /\bat [^\n"]*?[/\\][^\n"]*?:\d+(:\d+)?/],
		['node_modules', /node_modules/],
		['a stack field', /"stack(trace)?"\s*:/i],
		['an Error: line followed by frames', /\w*Error: [^\n]*(\n|\\n)\s*at /],
	];
	for (const [what, pattern] of checks) if (pattern.test(body)) return what;
	return undefined;
}
