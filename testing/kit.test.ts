import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('the runtime kit', () => {
	it("is copied, current, into every package's nodes (npm run kit)", () => {
		const result = spawnSync(process.execPath, [path.join(__dirname, 'kit.mjs'), '--check'], { encoding: 'utf8' });
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});
});
