#!/usr/bin/env node
'use strict';
// The toolkit runs from its TypeScript sources through tsx: no build step, and stack traces point at the sources.
// yaml is plain CommonJS spread over ~80 files, and every command reads a template: required before tsx hooks
// require(), it skips tsx's per-file checks (loading it is then about 2.5 times faster; measured by bench:local).
require('yaml');
require('tsx/cjs/api').register();
require('../src/cli/main.ts');
