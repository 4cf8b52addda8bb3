// Bundles src/index.js (JupyterLab's notebook widget, renderers and completer) into build/page/,
// a folder jupyter_server serves as static files (--ServerApp.extra_static_paths).
const path = require('path');
const { rspack } = require('@rspack/core');

module.exports = {
  mode: 'production',
  entry: { 'notebook-page': './src/index.js' },
  output: { path: path.resolve(__dirname, 'build/page'), filename: '[name].js', clean: true },
  devtool: false,
  // The page script plus the chunks of CodeMirror's languages, loaded on demand from beside it.
  optimization: { minimize: false },
  performance: { hints: false },
  module: {
    rules: [
      // @jupyter/web-components is a "type": "module" package that imports files without extensions.
      { test: /\.js$/, resolve: { fullySpecified: false } },
      // JupyterLab's styles import each other as url('~@jupyterlab/...'), which css-loader resolves.
      { test: /\.css$/, use: ['style-loader', 'css-loader'], type: 'javascript/auto' },
      // ui-components imports its icons as SVG source text; stylesheets refer to them as files.
      { test: /\.svg$/, issuer: /\.js$/, type: 'asset/source' },
      { test: /\.svg$/, issuer: /\.css$/, type: 'asset/inline' },
      { test: /\.(png|woff2?|ttf|eot)$/, type: 'asset/inline' }
    ]
  },
  plugins: [
    new rspack.CopyRspackPlugin({ patterns: [{ from: 'src/index.html', to: 'index.html' }] })
  ]
};
