#!/usr/bin/env node
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  exit: (code) => process.exit(code),
  signals: process,
});
