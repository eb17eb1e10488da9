// How much CPU other processes used while the bench ran: the machine's busy time (/proc/stat) minus this
// process and its descendants (/proc/<pid>/stat, reaped children included through cutime/cstime).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const HZ = 100; // USER_HZ on Linux

function machineBusyTicks(): number {
	const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
	// user nice system idle iowait irq softirq steal ...
	const [user, nice, system, , , irq, softirq, steal] = cpu;
	return user + nice + system + irq + softirq + (steal ?? 0);
}

function statOf(pid: string): { ppid: number; ticks: number } | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// fields[0] is state (field 3); utime is field 14, stime 15, cutime 16, cstime 17.
		const n = (field: number) => Number(fields[field - 3]);
		return { ppid: n(4), ticks: n(14) + n(15) + n(16) + n(17) };
	} catch {
		return undefined;
	}
}

function ownTicks(): number {
	const all = new Map<number, { ppid: number; ticks: number }>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = statOf(entry);
		if (stat) all.set(Number(entry), stat);
	}
	const mine = new Set<number>([process.pid]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const [pid, stat] of all) {
			if (!mine.has(pid) && mine.has(stat.ppid)) {
				mine.add(pid);
				grew = true;
			}
		}
	}
	let ticks = 0;
	for (const pid of mine) ticks += all.get(pid)?.ticks ?? 0;
	return ticks;
}

export interface CpuMark {
	at: number;
	busy: number;
	own: number;
}

export function cpuMark(): CpuMark {
	return { at: Date.now(), busy: machineBusyTicks(), own: ownTicks() };
}

/** Share of the whole machine (all cores) used by the bench and by everything else between two marks. */
export function cpuBetween(a: CpuMark, b: CpuMark): { ownPct: number; otherPct: number } {
	const capacity = ((b.at - a.at) / 1000) * HZ * os.cpus().length;
	const own = b.own - a.own;
	const other = Math.max(0, b.busy - a.busy - own);
	return { ownPct: (100 * own) / capacity, otherPct: (100 * other) / capacity };
}

/**
 * Waits (bounded) until other processes leave the machine mostly idle, sampling `sampleMs` at a time.
 * Returns how long it waited and the last sample; the bench runs anyway when the machine never quietens.
 */
export async function waitForQuiet(options: { maxWaitMs: number; sampleMs: number; maxOtherPct: number; log: (line: string) => void }): Promise<{ waitedMs: number; otherPct: number; quiet: boolean }> {
	const started = Date.now();
	for (;;) {
		const a = cpuMark();
		await new Promise((r) => setTimeout(r, options.sampleMs));
		const { otherPct } = cpuBetween(a, cpuMark());
		const waitedMs = Date.now() - started;
		if (otherPct <= options.maxOtherPct) return { waitedMs, otherPct, quiet: true };
		if (waitedMs >= options.maxWaitMs) return { waitedMs, otherPct, quiet: false };
		options.log(`other processes use ${otherPct.toFixed(0)}% of the machine; waiting for it to quieten (up to ${Math.round(options.maxWaitMs / 60000)} min)`);
	}
}
