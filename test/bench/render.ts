// Re-renders BENCHMARKS.md (and the stdout table) from the saved results, without measuring again:
// `npx ts-node --transpile-only test/bench/render.ts [results.json]` (default: test/bench/results.json).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { missingPhases } from './phases';
import { renderMarkdown, renderStdout, type BenchResults } from './report';

const root = path.resolve(__dirname, '../..');
const file = process.argv[2] ?? path.join(__dirname, 'results.json');
const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
const missing = missingPhases(results);
if (missing.length) throw new Error(`${file} has no figures for ${missing.join(', ')}: run them with PAYRAM_BENCH_PHASES=${missing.join(',')}`);
writeFileSync(path.join(root, 'BENCHMARKS.md'), renderMarkdown(results));
process.stdout.write(`${renderStdout(results)}\n`);
