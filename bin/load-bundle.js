'use strict';
// Loads the command's bundle (dist/cli.js) with V8's code cache, made by
// scripts/build-cli.mjs: compiling the bundle and the functions a run uses would
// otherwise cost each run about a tenth of a second, and each worker thread of
// `ragbook rollup` as much again. The cache is used only when it was made from this
// very bundle (its first 20 bytes are the bundle's SHA-1); V8 itself refuses one
// made by another Node.js. Without a usable cache the bundle is simply required.
const path = require('path');
const fs = require('fs');

const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
const codeCache = path.join(__dirname, '..', 'node_modules', '.cache', 'ragbook', 'cli.js.cache');

function loadBundle() {
  let code;
  let script;
  try {
    const cache = fs.readFileSync(codeCache);
    code = fs.readFileSync(bundle, 'utf8');
    const hash = require('crypto').createHash('sha1').update(code).digest();
    if (cache.length > 20 && hash.equals(cache.subarray(0, 20))) {
      script = new (require('vm').Script)(require('module').wrap(code), { filename: bundle, cachedData: cache.subarray(20) });
    }
  } catch {
    script = undefined;
  }
  if (!script) return require(bundle);
  const mod = { exports: {}, filename: bundle, id: bundle, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, require('module').createRequire(bundle), mod, bundle, path.dirname(bundle));
  mod.loaded = true;
  return mod.exports;
}

module.exports = { bundle, loadBundle };
