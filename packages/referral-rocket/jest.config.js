// The root's jest settings, over this package's tests; shared tooling is imported from the repository's testing/.
const root = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = { ...root, roots: ['<rootDir>/test'] };
