// Bundles the ragbook command into one file so it starts fast (no TypeScript at run time).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist/cli.js',
  sourcemap: true,
  logLevel: 'warning',
});
