const { src, dest } = require('gulp');

// tsc compiles the code; icons and codex files are copied beside it so n8n finds them in dist.
function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:assets'] = copyAssets;
