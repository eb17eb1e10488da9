// Re-renders BENCHMARKS.md (and the stdout table) from the last run's saved results, without measuring again:
// `npx ts-node --transpile-only test/bench/render.ts [results.json]`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { renderMarkdown, renderStdout, type BenchResults } from './report';

const root = path.resolve(__dirname, '../..');
const file = process.argv[2] ?? path.join(root, '.e2e', 'bench', 'results.json');
const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
// Per-request results are not saved; the counts and percentiles they produced are.
for (const w of [results.webhook, results.webhookLazy, results.upWebhook, results.upWebhookLazy]) {
	for (const rounds of [w.acceptRounds, w.rejectRounds]) for (const r of rounds) r.result.results = [];
	for (const per of [w.accept, w.reject]) for (const r of Object.values(per)) r.results = [];
}
writeFileSync(path.join(root, 'BENCHMARKS.md'), renderMarkdown(results));
process.stdout.write(`${renderStdout(results)}\n`);
