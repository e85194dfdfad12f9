#!/usr/bin/env node
'use strict';
// The toolkit runs from its TypeScript sources through tsx: no build step, and stack traces point at the sources.
require('tsx/cjs/api').register();
require('../src/cli/main.ts');
