// No bundle Ragbook ships may turn a string into code (SECURITY.md): its pages'
// Content-Security-Policy has no 'unsafe-eval', and a reviewer should find no
// `eval` or `Function` constructor in dist/ at all, not only none that runs.
//
// zod compiles parsers with the Function constructor when it can. Ragbook switches
// that off (z.config({ jitless: true }) in src/core/zod.ts), so those paths never run,
// but their text would still ship. This swaps each `const F = Function;` in zod's
// three code-generating files for a constructor that throws, which zod already
// handles (a probe that says "no eval", a compile error that falls back to the plain
// parser). The replacement must match exactly once per file, or the build fails: a
// zod update that moves the code is caught here, not shipped.
'use strict';

const SITE = 'const F = Function;';
const REPLACEMENT = 'const F = function () { throw new EvalError("Ragbook is built without code generation (zod jitless)"); };';
/** zod's files that hold a Function constructor, relative to the package (v4/core/..., ESM and CJS builds). */
const FILES = /[\\/]zod[\\/]v4[\\/]core[\\/](compile|doc|util)\.c?js$/;

function stripFunctionConstructor(source, file) {
  if (!FILES.test(file)) return source;
  const parts = source.split(SITE);
  if (parts.length !== 2) {
    throw new Error(
      `no-code-from-strings: expected exactly one '${SITE}' in ${file}, found ${parts.length - 1}; zod changed, update scripts/build/no-code-from-strings.cjs`,
    );
  }
  return parts.join(REPLACEMENT);
}

/** webpack loader. */
module.exports = function noCodeFromStringsLoader(source) {
  return stripFunctionConstructor(source, this.resourcePath);
};
module.exports.stripFunctionConstructor = stripFunctionConstructor;
module.exports.FILES = FILES;

/** esbuild plugin, for the command's bundle. */
module.exports.esbuildPlugin = {
  name: 'no-code-from-strings',
  setup(build) {
    const fs = require('node:fs');
    build.onLoad({ filter: FILES }, (args) => ({
      contents: stripFunctionConstructor(fs.readFileSync(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};
