#!/usr/bin/env node
// Stays in git so that package managers can link the bin before the package is built; the CLI is dist/cli.js.
import '../dist/cli.js';
