#!/usr/bin/env node
'use strict';
// The toolkit's sources, bundled once per edit of them and cached (compiled-toolkit.cjs): no TypeScript loader runs.
require('./compiled-toolkit.cjs')
  .runCompiled('cli/main.ts')
  .catch((error) => {
    console.error(`sam-local could not load its sources: ${error && error.stack ? error.stack : error}`);
    process.exit(1);
  });
