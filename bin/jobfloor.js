#!/usr/bin/env node
// The `jobfloor` command. The tools are TypeScript compiled to dist/; this launcher compiles them
// first when dist/ is missing or older than the sources, so `npx jobfloor ...` works straight after
// `npm ci` and never runs stale code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'tools', 'jobfloor.js');
const sourceFolders = ['framework', 'jobs-service', 'tools'];

function newestSourceTime(folder) {
  let newest = 0;
  for (const item of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (item.name.endsWith('.ts') || item.name.endsWith('.sql')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return sourceFolders.some((folder) => newestSourceTime(join(root, folder)) > built);
}

if (isStale()) {
  process.stderr.write('jobfloor: compiling the sources (npm run build)...\n');
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(pathToFileURL(entry).href);
