// PayRam faults injected through the simulator while real n8n runs saved workflows (`n8n execute --id`).
import type { Execution, N8nServer, RunData } from '../../testing/n8n/n8n';
import type { Faults, PayRamSimulator, RecordedRequest } from '../simulator/server';
import { WORKFLOW } from './instance';

type RunNodes = NonNullable<NonNullable<NonNullable<Execution['data']>['resultData']>['runData']>;
type Item = { json: Record<string, unknown>; pairedItem?: { item: number } | Array<{ item: number }> };

export interface FaultOutcome {
	name: string;
	injected: number;
	handled: number;
	problems: string[];
	/** Error messages the workflow runs produced (kept for the secret scan). */
	errors: string[];
	/** Everything the n8n CLI printed (kept for the secret scan). */
	outputs: string[];
	ms: number;
}

export interface FaultContext {
	n8n: N8nServer;
	sim: PayRamSimulator;
	continueOnFailPayments: string[];
}

interface Run {
	ok: boolean;
	runData: RunNodes | undefined;
	error: string;
	output: string;
}

const GET_PAYMENT = '/api/v1/payment/reference/';
const CREATE_PAYMENT = '/api/v1/payment';
const PAYOUTS = '/api/v1/withdrawal/merchant';

function items(runData: RunNodes | undefined, node: string): Item[] {
	const runs = runData?.[node];
	if (!runs?.length) return [];
	return (runs[runs.length - 1].data?.main?.[0] ?? []) as Item[];
}

function pairedIndex(item: Item): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return paired?.item;
}

async function run(ctx: FaultContext, workflowId: string): Promise<Run> {
	const { ok, run: data, output } = await ctx.n8n.executeWorkflow(workflowId);
	const resultData = (data as RunData | undefined)?.data?.resultData;
	const nodeErrors = Object.values(resultData?.runData ?? {})
		.flat()
		.map((r) => (r.error ? `${r.error.message ?? ''} ${r.error.description ?? ''}` : ''))
		.filter(Boolean);
	const error = [resultData?.error?.message ?? '', ...nodeErrors].join(' | ').trim();
	return { ok, runData: resultData?.runData, error: error || (ok ? '' : output.slice(-2000)), output };
}

class Check {
	readonly problems: string[] = [];
	that(condition: boolean, problem: string): void {
		if (!condition) this.problems.push(problem);
	}
}

function requestsSince(sim: PayRamSimulator, mark: number, method: string, path: string, exact = false): RecordedRequest[] {
	return sim.requests.slice(mark).filter((r) => r.method === method && (exact ? r.path === path : r.path.startsWith(path)));
}

/** Runs one scenario with the simulator's faults set, and always clears them afterwards. */
async function scenario(
	ctx: FaultContext,
	name: string,
	body: (check: Check, record: (r: Run) => Run, noteError: (message: string) => void) => Promise<number>,
): Promise<FaultOutcome> {
	const started = Date.now();
	const check = new Check();
	const errors: string[] = [];
	const outputs: string[] = [];
	const record = (r: Run) => {
		if (r.error) errors.push(r.error);
		outputs.push(r.output);
		return r;
	};
	let injected = 0;
	try {
		injected = await body(check, record, (message) => errors.push(message));
	} catch (error) {
		check.problems.push(`scenario failed: ${(error as Error).message}`);
	} finally {
		ctx.sim.setFaults({});
	}
	return { name, injected, handled: check.problems.length === 0 ? injected : 0, problems: check.problems, errors, outputs, ms: Date.now() - started };
}

function consumed(before: Faults, after: Faults): number {
	const used = (b?: { count: number }, a?: { count: number }) => (b ? b.count - (a?.count ?? 0) : 0);
	return used(before.failNext, after.failNext) + used(before.dropNext, after.dropNext) + used(before.malformedNext, after.malformedNext);
}

/** Runs a saved workflow with `faults` armed: the run, where its requests start in the log, and the faults it used up. */
async function runWithFaults(ctx: FaultContext, record: (r: Run) => Run, workflowId: string, faults: Faults) {
	const mark = ctx.sim.requests.length;
	ctx.sim.setFaults(structuredClone(faults));
	const r = record(await run(ctx, workflowId));
	return { r, mark, injected: consumed(faults, ctx.sim.faults) };
}

/** A Get Payment (after a fault-free Create) with `faults` aimed at the read; expects success after retries. */
async function readSurvives(ctx: FaultContext, name: string, faults: Faults, expectedGets: number): Promise<FaultOutcome> {
	return scenario(ctx, name, async (check, record) => {
		const { r, mark, injected } = await runWithFaults(ctx, record, WORKFLOW.paymentCreateGet, faults);
		check.that(r.ok, `the run failed: ${r.error}`);
		const [created] = items(r.runData, 'Create Payment Link');
		const [payment] = items(r.runData, 'Get Payment');
		check.that(payment?.json.referenceID === created?.json.reference_id, 'Get Payment did not return the created payment');
		const gets = requestsSince(ctx.sim, mark, 'GET', GET_PAYMENT).length;
		check.that(gets === expectedGets, `${gets} GET requests reached PayRam, expected ${expectedGets} (1 + retries)`);
		return injected;
	});
}

/** A fault on the read that outlasts the two retries: a clear error after exactly three attempts. */
async function readFailsClearly(ctx: FaultContext, name: string, faults: Faults, message: RegExp): Promise<FaultOutcome> {
	return scenario(ctx, name, async (check, record) => {
		const { r, mark, injected } = await runWithFaults(ctx, record, WORKFLOW.paymentCreateGet, faults);
		check.that(!r.ok, 'the run succeeded although every attempt failed');
		check.that(message.test(r.error), `unclear error: ${r.error.slice(0, 300)}`);
		const gets = requestsSince(ctx.sim, mark, 'GET', GET_PAYMENT).length;
		check.that(gets === 3, `${gets} GET requests reached PayRam, expected 3 (1 + 2 retries)`);
		return injected;
	});
}

/** A fault on Create Payment: a clear error and exactly one request (a write is never retried blindly). */
async function createPaymentFails(ctx: FaultContext, name: string, faults: Faults, message: RegExp): Promise<FaultOutcome> {
	return scenario(ctx, name, async (check, record) => {
		const paymentsBefore = ctx.sim.state.payments.size;
		const { r, mark, injected } = await runWithFaults(ctx, record, WORKFLOW.paymentCreateGet, faults);
		const creates = requestsSince(ctx.sim, mark, 'POST', CREATE_PAYMENT, true).length;
		check.that(!r.ok, 'the run succeeded although Create Payment failed');
		check.that(message.test(r.error), `unclear error: ${r.error.slice(0, 300)}`);
		check.that(creates === 1, `${creates} Create Payment requests reached PayRam, expected exactly 1`);
		check.that(requestsSince(ctx.sim, mark, 'GET', GET_PAYMENT).length === 0, 'Get Payment ran after a failed create');
		check.that(ctx.sim.state.payments.size === paymentsBefore, 'a payment was created although the create failed');
		// Code 5 stays on until cleared: every create it answered is one fault.
		return injected + (faults.code5 ? creates : 0);
	});
}

/**
 * A fault on Create Payout, then a re-run of the same workflow without faults. The first run sends one request;
 * the re-run sends the same Idempotency-Key; PayRam ends up with at most one payout.
 */
async function payoutFaultAndRerun(
	ctx: FaultContext,
	name: string,
	faults: Faults,
	expectations: { firstError: RegExp; rerunOk: boolean; rerunError?: RegExp; payoutsAfterFirst: number },
): Promise<FaultOutcome> {
	return scenario(ctx, name, async (check, record) => {
		// A fresh PayRam project per payout scenario, so PayRam's 5-minute idempotency window starts empty.
		ctx.sim.reset();
		const { r: first, mark: firstMark, injected } = await runWithFaults(ctx, record, WORKFLOW.payout, faults);
		ctx.sim.setFaults({});
		const firstPosts = requestsSince(ctx.sim, firstMark, 'POST', PAYOUTS, true);
		check.that(!first.ok, 'the faulty run succeeded');
		check.that(expectations.firstError.test(first.error), `unclear error: ${first.error.slice(0, 300)}`);
		check.that(firstPosts.length === 1, `${firstPosts.length} Create Payout requests reached PayRam in the faulty run, expected exactly 1`);
		check.that(ctx.sim.state.payouts.length === expectations.payoutsAfterFirst, `PayRam holds ${ctx.sim.state.payouts.length} payouts after the faulty run, expected ${expectations.payoutsAfterFirst}`);

		const mark = ctx.sim.requests.length;
		const again = record(await run(ctx, WORKFLOW.payout));
		const rerunPosts = requestsSince(ctx.sim, mark, 'POST', PAYOUTS, true);
		const firstKey = firstPosts[0]?.headers['idempotency-key'];
		const rerunKey = rerunPosts[0]?.headers['idempotency-key'];
		check.that(typeof firstKey === 'string' && firstKey.length > 0, 'the faulty run sent no Idempotency-Key');
		check.that(rerunPosts.length === 1, `${rerunPosts.length} Create Payout requests in the re-run, expected 1`);
		check.that(rerunKey === firstKey, `the re-run sent Idempotency-Key ${String(rerunKey)}, the faulty run ${String(firstKey)}`);
		check.that(again.ok === expectations.rerunOk, `re-run ${again.ok ? 'succeeded' : `failed: ${again.error.slice(0, 300)}`}`);
		if (expectations.rerunError) check.that(expectations.rerunError.test(again.error), `unclear re-run error: ${again.error.slice(0, 300)}`);
		if (again.ok) {
			const [payout] = items(again.runData, 'Create Payout');
			check.that(payout?.json.idempotencyKey === firstKey, 'the payout item does not carry the Idempotency-Key sent');
		}
		check.that(ctx.sim.state.payouts.length === 1, `PayRam holds ${ctx.sim.state.payouts.length} payouts after the re-run, expected exactly 1`);
		return injected;
	});
}

async function continueOnFail(ctx: FaultContext): Promise<FaultOutcome> {
	const refs = ctx.continueOnFailPayments;
	return scenario(ctx, 'Continue On Fail: 5 items, items 2 and 4 fail (5xx and dropped, beyond the retries)', async (check, record, noteError) => {
		const faults: Faults = {
			failNext: { count: 3, status: 503, pathPrefix: `${GET_PAYMENT}${refs[1]}` },
			dropNext: { count: 3, pathPrefix: `${GET_PAYMENT}${refs[3]}` },
		};
		const { r, injected } = await runWithFaults(ctx, record, WORKFLOW.continueOnFail, faults);
		check.that(r.ok, `the run failed although Continue On Fail is on: ${r.error}`);
		const out = items(r.runData, 'Get Payment');
		check.that(out.length === 5, `${out.length} output items, expected 5`);
		out.forEach((item, index) => {
			check.that(pairedIndex(item) === index, `output item ${index + 1} is paired with input ${String(pairedIndex(item))}`);
			const failed = index === 1 || index === 3;
			if (failed) {
				const message = String(item.json.error ?? '');
				noteError(message);
				const expected = index === 1 ? /PayRam: .*HTTP 503/ : /Cannot reach PayRam/;
				check.that(expected.test(message), `item ${index + 1}: expected an error item, got ${JSON.stringify(item.json).slice(0, 200)}`);
			} else {
				check.that(item.json.referenceID === refs[index] && item.json.error === undefined, `item ${index + 1}: expected payment ${refs[index]}, got ${JSON.stringify(item.json).slice(0, 200)}`);
			}
		});
		return injected;
	});
}

/** Every scenario, in an order that keeps each independent (the payout ones reset the simulator). */
export async function runFaultScenarios(ctx: FaultContext, onDone: (outcome: FaultOutcome) => void): Promise<FaultOutcome[]> {
	const outcomes: FaultOutcome[] = [];
	const push = (outcome: FaultOutcome) => {
		outcomes.push(outcome);
		onDone(outcome);
	};
	push(await continueOnFail(ctx));
	push(
		await scenario(ctx, 'slow PayRam: 2 s latency on every call, Get Payment still succeeds', async (check, record) => {
			const mark = ctx.sim.requests.length;
			ctx.sim.setFaults({ latencyMs: 2000 });
			const r = record(await run(ctx, WORKFLOW.paymentCreateGet));
			const delayed = ctx.sim.requests.length - mark;
			check.that(r.ok, `the run failed: ${r.error}`);
			const getRun = r.runData?.['Get Payment']?.[0] as { executionTime?: number } | undefined;
			check.that((getRun?.executionTime ?? 0) >= 2000, `Get Payment took ${String(getRun?.executionTime)} ms, expected >= 2000 (the latency was not applied?)`);
			check.that(items(r.runData, 'Get Payment').length === 1, 'Get Payment returned no item');
			return delayed;
		}),
	);
	push(await readSurvives(ctx, 'Get Payment: one 503, retried', { failNext: { count: 1, status: 503, pathPrefix: GET_PAYMENT } }, 2));
	push(await readSurvives(ctx, 'Get Payment: two 500s, retried', { failNext: { count: 2, status: 500, pathPrefix: GET_PAYMENT } }, 3));
	push(await readSurvives(ctx, 'Get Payment: one 429, retried', { failNext: { count: 1, status: 429, pathPrefix: GET_PAYMENT } }, 2));
	push(await readSurvives(ctx, 'Get Payment: two dropped connections, retried', { dropNext: { count: 2, pathPrefix: GET_PAYMENT } }, 3));
	push(await readFailsClearly(ctx, 'Get Payment: 502 persists, clear error', { failNext: { count: 5, status: 502, pathPrefix: GET_PAYMENT } }, /PayRam: .*\(HTTP 502/));
	push(await readFailsClearly(ctx, 'Get Payment: connection keeps dropping, clear error', { dropNext: { count: 5, pathPrefix: GET_PAYMENT } }, /Cannot reach PayRam at .*closed the connection/));
	push(
		await scenario(ctx, 'Get Payment: malformed JSON answer, clear error, not retried', async (check, record) => {
			const faults: Faults = { malformedNext: { count: 1, pathPrefix: GET_PAYMENT } };
			const { r, mark, injected } = await runWithFaults(ctx, record, WORKFLOW.paymentCreateGet, faults);
			check.that(!r.ok, 'the run succeeded on a truncated answer');
			check.that(/PayRam answered with something that is not JSON/.test(r.error), `unclear error: ${r.error.slice(0, 300)}`);
			const gets = requestsSince(ctx.sim, mark, 'GET', GET_PAYMENT).length;
			check.that(gets === 1, `${gets} GET requests, expected 1 (a 200 answer is not retried)`);
			return injected;
		}),
	);
	const setupIncomplete = /PayRam: .*project setup is incomplete.*code 5/;
	push(await createPaymentFails(ctx, 'Create Payment: code 5 with HTTP 200, clear error', { code5: { status: 200 } }, setupIncomplete));
	push(await createPaymentFails(ctx, 'Create Payment: code 5 with HTTP 500, clear error', { code5: { status: 500 } }, setupIncomplete));
	push(await createPaymentFails(ctx, 'Create Payment: 500, one request, no retry', { failNext: { count: 1, status: 500, pathPrefix: CREATE_PAYMENT } }, /PayRam: .*\(HTTP 500/));
	push(await createPaymentFails(ctx, 'Create Payment: dropped connection, one request, no retry', { dropNext: { count: 1, pathPrefix: CREATE_PAYMENT } }, /Cannot reach PayRam at .*closed the connection/));
	push(
		await payoutFaultAndRerun(ctx, 'Create Payout: 503, one request; re-run sends the same Idempotency-Key and pays once', { failNext: { count: 1, status: 503, pathPrefix: PAYOUTS } }, {
			firstError: /PayRam: .*\(HTTP 503/,
			rerunOk: true,
			payoutsAfterFirst: 0,
		}),
	);
	push(
		await payoutFaultAndRerun(ctx, 'Create Payout: dropped connection, one request; re-run sends the same Idempotency-Key and pays once', { dropNext: { count: 1, pathPrefix: PAYOUTS } }, {
			firstError: /Cannot reach PayRam at .*closed the connection/,
			rerunOk: true,
			payoutsAfterFirst: 0,
		}),
	);
	push(
		await payoutFaultAndRerun(ctx, 'Create Payout: answer lost after PayRam paid, re-run refused by the Idempotency-Key (no double payout)', { malformedNext: { count: 1, pathPrefix: PAYOUTS } }, {
			firstError: /PayRam answered with something that is not JSON/,
			rerunOk: false,
			rerunError: /was not paid twice/,
			payoutsAfterFirst: 1,
		}),
	);
	return outcomes;
}
