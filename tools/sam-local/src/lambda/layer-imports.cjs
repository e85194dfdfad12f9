// @ts-check
// Lets an ES module `import` a package from a layer by its bare name, as Lambda's Node.js 18+ runtimes do ("Lambda
// supports JavaScript ES module dependencies for Node.js 18", AWS re:Post knowledge center
// lambda-import-module-error-nodejs). Node's ESM resolver does not read NODE_PATH (where the layers' node_modules
// are, for require), so a bare specifier it cannot find is looked up again in each layer's node_modules, in
// NODE_PATH's order. Anything else resolves exactly as Node resolves it.
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const nodeModule = require('node:module');

/** @param {string} specifier */
function isBare(specifier) {
  return !/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(specifier) && !specifier.startsWith('#');
}

/** @param {string[]} folders a layer's node_modules folders */
function parentsIn(folders) {
  // A parent inside <folder> resolves bare names from <folder> (its own node_modules lookup starts there).
  return folders.map((folder) => pathToFileURL(path.join(folder, 'layer-import.js')).href);
}

// Runs off the main thread on Node versions without module.registerHooks (module.register's loader worker).
const ASYNC_HOOKS = `
let parents = [];
export function initialize(data) { parents = data.parents; }
const bare = (s) => !/^(\\.{0,2}\\/|[a-z][a-z0-9+.-]*:)/i.test(s) && !s.startsWith('#');
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !bare(specifier)) throw error;
    for (const parentURL of parents) {
      try { return await nextResolve(specifier, { ...context, parentURL }); } catch { /* the next layer */ }
    }
    throw error;
  }
}`;

/** @param {string[]} folders */
function allowLayerImports(folders) {
  if (folders.length === 0) return;
  const parents = parentsIn(folders);
  if (typeof nodeModule.registerHooks === 'function') {
    nodeModule.registerHooks({
      resolve(specifier, context, nextResolve) {
        try {
          return nextResolve(specifier, context);
        } catch (error) {
          const code = /** @type {{ code?: unknown }} */ (error)?.code;
          if (code !== 'ERR_MODULE_NOT_FOUND' || !isBare(specifier)) throw error;
          for (const parentURL of parents) {
            try {
              return nextResolve(specifier, { ...context, parentURL });
            } catch {
              // the next layer
            }
          }
          throw error;
        }
      },
    });
  } else if (typeof nodeModule.register === 'function') {
    nodeModule.register(`data:text/javascript,${encodeURIComponent(ASYNC_HOOKS)}`, { data: { parents } });
  }
}

module.exports = { allowLayerImports };
