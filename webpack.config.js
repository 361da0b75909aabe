// Builds the add-in: the task pane and the ribbon command, each with its HTML page,
// plus the manifest and icons, into dist/.
//
// - `webpack --mode production`: minified, no eval (the pages' Content-Security-Policy
//   forbids it), hashed file names so Office's web cache never serves a stale pane.
// - `webpack serve --mode development`: https://localhost:3000 with the Office dev
//   certificates, which `office-addin-debugging start` sideloads against.
//
// The pane's initial JavaScript is React, Fluent UI, the pane's own components and
// the small Excel adapter (workbook/office/, which starts the pane in Excel). The
// engine and zod load with the first recalculation or settings call; the .xlsx
// reader and writer (fflate, saxes) load only in preview mode. Both are import()s.

const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const noCodeFromStrings = require('./scripts/build/no-code-from-strings.cjs');

const DEV_PORT = 3000;

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === 'production' ? 'production' : 'development';
  const dev = mode === 'development';
  const serving = Boolean(env.WEBPACK_SERVE);

  const config = {
    mode,
    // Browsers Office supports all have globalThis: webpack's runtime then needs no
    // `new Function("return this")` fallback to find the global object.
    target: ['web', 'es2020'],
    // Never an eval-based devtool: the CSP has no 'unsafe-eval'.
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      // dist/cli.js is the ragbook command's bundle (npm install builds it): keep it.
      clean: { keep: /^cli\.js(\.map)?$/ },
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
    module: {
      rules: [
        {
          // zod's code generation (switched off at run time) removed from the bundle too.
          test: noCodeFromStrings.FILES,
          use: { loader: require.resolve('./scripts/build/no-code-from-strings.cjs') },
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              // ES modules, so webpack can tree-shake Fluent UI and split on import().
              // (tsconfig.json says CommonJS for Node, jest and the CLI.)
              compilerOptions: { module: 'esnext', moduleResolution: 'node', target: 'ES2020', sourceMap: dev },
            },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          // React and Fluent change rarely: their own chunk stays cached across releases.
          ui: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel|@floating-ui|tabster|keyborg|@swc|@ctrl|use-sync-external-store|tslib|stylis|rtl-css-js|embla-carousel[^\\/]*)[\\/]/,
            name: 'ui',
            // The pane's only: the ribbon command's page must not load React.
            chunks: (chunk) => chunk.name === 'taskpane',
            priority: 20,
          },
        },
      },
    },
    performance: {
      // Budgets are checked gzipped by the e2e test (webpack's hints measure raw bytes).
      hints: false,
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'manifest.xml', to: 'manifest.xml' },
          { from: 'assets', to: 'assets' },
        ],
      }),
    ],
  };

  if (serving) {
    // Only when serving: generating or installing the certificates has side effects.
    const devCerts = require('office-addin-dev-certs');
    config.devServer = {
      port: DEV_PORT,
      server: { type: 'https', options: await devCerts.getHttpsServerOptions() },
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: path.resolve(__dirname, 'dist') },
      client: { overlay: { warnings: false } },
    };
  }

  return config;
};
