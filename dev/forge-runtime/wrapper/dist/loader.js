/*
 * The local Forge runtime's loader: the entry of a function's sandbox. @forge/bundler copies it into the
 * bundle as `__forge__.cjs`; the runtime starts a worker thread on it, and it hands over to the wrapper.
 */
'use strict';

require('./__forge_wrapper__.cjs').start();
