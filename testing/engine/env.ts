import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core's InstanceSettings reads these once, on first use, so they must be set before any harness module touches n8n-core.
process.env.N8N_ENCRYPTION_KEY ??= 'n8n-nodes-payram-test-encryption-key';
if (!process.env.N8N_USER_FOLDER) {
	// One shared folder instead of one per test file: the settings file is the only thing n8n-core writes there.
	const userFolder = join(tmpdir(), 'n8n-nodes-payram-harness');
	const n8nFolder = join(userFolder, '.n8n');
	mkdirSync(n8nFolder, { recursive: true });
	// Written whole and renamed into place, so parallel jest workers never read half a file or a stale key.
	const settingsFile = join(n8nFolder, 'config');
	const pendingFile = `${settingsFile}.${process.pid}`;
	writeFileSync(pendingFile, JSON.stringify({ encryptionKey: process.env.N8N_ENCRYPTION_KEY }), { mode: 0o600 });
	renameSync(pendingFile, settingsFile);
	process.env.N8N_USER_FOLDER = userFolder;
}
// n8n's own logger would print every node error a test provokes; set N8N_LOG_LEVEL=debug to see them.
process.env.N8N_LOG_LEVEL ??= 'silent';
