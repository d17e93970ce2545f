// Vitest setupFiles entry: runs before every test file, in the file's worker.
// Decorator metadata (design:paramtypes) needs the Reflect polyfill before any job class is defined.
import 'reflect-metadata';
import { installConsoleGuard } from './console-guard.js';
import { installOfficeLeakGuard } from './office-leak-guard.js';

installConsoleGuard();
installOfficeLeakGuard();
