import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core's InstanceSettings reads these once, on first use, so they must be set before any harness module touches n8n-core.
if (!process.env.N8N_USER_FOLDER) {
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-nodes-payram-harness-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.once('exit', () => rmSync(userFolder, { recursive: true, force: true }));
}
process.env.N8N_ENCRYPTION_KEY ??= 'n8n-nodes-payram-test-encryption-key';
// Keeps n8n-core from complaining about settings file permissions in a temp folder.
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

export const harnessUserFolder = process.env.N8N_USER_FOLDER;
