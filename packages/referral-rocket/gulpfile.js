// The root package's asset task (icons and codex files copied beside the compiled code); gulp runs it in this folder.
module.exports = require('../../gulpfile.js');
