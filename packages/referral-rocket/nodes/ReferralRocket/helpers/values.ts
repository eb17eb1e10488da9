// Checks of what the builder typed, before anything is sent: e-mails, campaign ids, codes, API paths.
import { pathAfterPrefix, unsafePathProblem } from '../kit/requestInput';

const API_PREFIX = '/api/v1';

// Dot-atom local part and host-name labels: the addresses a participant can sign up with.
const EMAIL =
	/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

// Campaign ids (`JCu82f30F1`) and referral codes (`8Mnu09TD`) are short alphanumeric tokens; a space or a slash is a paste gone wrong.
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

export function isEmail(value: string): boolean {
	return EMAIL.test(value);
}

export function isToken(value: string): boolean {
	return TOKEN.test(value);
}

/** The path a Custom API Call sends, always under `/api/v1/` of the credential's Base URL, or why it cannot be sent. */
export function apiPath(path: string): { path: string } | { problem: string } {
	const problem = unsafePathProblem(path, API_PREFIX);
	if (problem) return { problem };
	const relative = pathAfterPrefix(path, API_PREFIX);
	if (relative === '') return { problem: `Path names no endpoint; give one under ${API_PREFIX}, e.g. /getCampaign` };
	return { path: `${API_PREFIX}/${relative}` };
}
