// The rule set of n8n's community-package verification scanner: its two plugins plus no-console.
import tsParser from '@typescript-eslint/parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', '*.js', '*.mjs', 'index.ts'] },
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { '@n8n/community-nodes': communityNodes, 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...communityNodes.configs.recommended.rules,
			...n8nNodesBase.configs.community.rules,
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
		plugins: { '@n8n/community-nodes': communityNodes, 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...communityNodes.configs.recommended.rules,
			...n8nNodesBase.configs.credentials.rules,
			...n8nNodesBase.configs.nodes.rules,
			'no-console': 'error',
		},
	},
];
