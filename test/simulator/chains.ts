// Chains, assets and prices the simulator knows; the newest PayRam facts, wider than the contract enums.
import { createHash } from 'node:crypto';

export interface Asset {
	id: number;
	name: string;
	decimals: number;
	priceInUsd: string;
	/** Token contract per chain; absent for the chain's native coin. */
	contracts: Record<string, string>;
}

export interface Chain {
	id: number;
	name: string;
	confirmationsRequired: number;
	explorerTx: string;
	addressPattern: RegExp;
}

export const CHAINS: Record<string, Chain> = {
	ETH: { id: 1, name: 'Ethereum', confirmationsRequired: 12, explorerTx: 'https://etherscan.io/tx/', addressPattern: /^0x[0-9a-fA-F]{40}$/ },
	BASE: { id: 2, name: 'Base', confirmationsRequired: 12, explorerTx: 'https://basescan.org/tx/', addressPattern: /^0x[0-9a-fA-F]{40}$/ },
	POLYGON: { id: 3, name: 'Polygon', confirmationsRequired: 128, explorerTx: 'https://polygonscan.com/tx/', addressPattern: /^0x[0-9a-fA-F]{40}$/ },
	TRX: { id: 4, name: 'Tron', confirmationsRequired: 19, explorerTx: 'https://tronscan.org/#/transaction/', addressPattern: /^T[1-9A-HJ-NP-Za-km-z]{33}$/ },
	BTC: { id: 5, name: 'Bitcoin', confirmationsRequired: 2, explorerTx: 'https://mempool.space/tx/', addressPattern: /^(bc1|[13])[a-zA-HJ-NP-Z0-9]{25,62}$/ },
};

export const ASSETS: Record<string, Asset> = {
	ETH: { id: 1, name: 'Ether', decimals: 18, priceInUsd: '3000', contracts: {} },
	USDC: { id: 2, name: 'USD Coin', decimals: 6, priceInUsd: '1', contracts: { ETH: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', BASE: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913', POLYGON: '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359' } },
	USDT: { id: 3, name: 'Tether USD', decimals: 6, priceInUsd: '1', contracts: { ETH: '0xdAC17F958D2ee523a2206206994597C13D831ec7', POLYGON: '0xc2132D05D31c914a87C6611C10748AEb04B58e8F', TRX: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t' } },
	CBBTC: { id: 4, name: 'Coinbase Wrapped BTC', decimals: 8, priceInUsd: '100000', contracts: { ETH: '0xcbB7C0000aB88B473b1f5aFd9ef808440eed33Bf', BASE: '0xcbB7C0000aB88B473b1f5aFd9ef808440eed33Bf' } },
	PYUSD: { id: 5, name: 'PayPal USD', decimals: 6, priceInUsd: '1', contracts: { ETH: '0x6c3ea9036406852006290770BEdFcAbA0e23A0e8' } },
	POL: { id: 6, name: 'Polygon Ecosystem Token', decimals: 18, priceInUsd: '0.2', contracts: {} },
	TRX: { id: 7, name: 'Tron', decimals: 6, priceInUsd: '0.25', contracts: {} },
	BTC: { id: 8, name: 'Bitcoin', decimals: 8, priceInUsd: '100000', contracts: {} },
};

/** Payout pairs per chain (PayRam core 3.8.1 facts). */
export const PAYOUT_PAIRS: Record<string, string[]> = {
	ETH: ['ETH', 'USDC', 'USDT', 'CBBTC', 'PYUSD'],
	BASE: ['USDC', 'ETH', 'CBBTC'],
	POLYGON: ['POL', 'USDC', 'USDT'],
	TRX: ['TRX', 'USDT'],
};

/** Customers can also pay in BTC on the checkout page, which payouts do not offer. */
export const DEPOSIT_PAIRS: Record<string, string[]> = { ...PAYOUT_PAIRS, BTC: ['BTC'] };

export function isNativeAsset(chainCode: string, assetCode: string): boolean {
	return ASSETS[assetCode] !== undefined && ASSETS[assetCode].contracts[chainCode] === undefined;
}

function digest(algorithm: 'sha256' | 'sha512', seed: string): string {
	return createHash(algorithm).update(seed).digest('hex');
}

function encode(hex: string, alphabet: string, length: number): string {
	return Array.from({ length }, (_, i) => alphabet[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % alphabet.length]).join('');
}

/** A stable, well-formed address for a chain, derived from a seed so tests can predict it. */
export function addressFor(chainCode: string, seed: string): string {
	const hex = digest('sha512', `${chainCode}:${seed}`);
	if (chainCode === 'TRX') return `T${encode(hex, '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 33)}`;
	if (chainCode === 'BTC') return `bc1q${encode(hex, 'qpzry9x8gf2tvdw0s3jn54khce6mua7l', 38)}`;
	return `0x${hex.slice(0, 40)}`;
}

export function transactionHashFor(seed: string): string {
	return `0x${digest('sha256', `tx:${seed}`)}`;
}
