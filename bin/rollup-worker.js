'use strict';
// A worker thread of `ragbook rollup`: the command's bundle, loaded as bin/ragbook.js
// loads it; started with the worker flag, it reads the trackers it is sent.
require('./load-bundle').loadBundle();
