/**
 * `jobfloor import systems|apps|queues FILE --tenant T [config flags]`: loads a definition file
 * (docs/jobs-service/catalog.md) into a tenant of the service's database, all or nothing. Every
 * problem is printed with its JSON pointer into the file (STYLE.md, habit 5) and nothing is written.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { didYouMean } from '../../framework/config/suggest.js';
import { CatalogDefinitionError } from '../../jobs-service/catalog/catalog-errors.js';
import { importDefinitions, type ImportCounts } from '../../jobs-service/catalog/import-definitions.js';
import { definitionKinds, type DefinitionKind } from '../../jobs-service/catalog/parse-definition.js';
import { ConfigError, loadServiceConfig, serviceConfigFlagNames, splitServiceConfigArgs } from '../../jobs-service/config/index.js';
import { migrate } from '../../jobs-service/database/migrate.js';
import { openDatabase } from '../../jobs-service/database/open-database.js';
import type { FieldError } from '../../jobs-service/validation/field-error.js';
import type { Command } from './command.js';

const HELP = `Usage: jobfloor import systems|apps|queues FILE --tenant T [--data-dir DIR] [--database-url URL] [--config FILE]

Creates or updates the systems, apps or tenant submission queues that FILE defines, in tenant T,
in one transaction: when any definition is wrong, every problem is printed with its place in the
file and nothing is imported. Import systems before the apps that run on them.

FILE is a JSON array of definitions, or {"$schema": "...", "systems": [...]} (or "apps", "queues");
the JSON Schemas are jobs-service/schemas/{system,app,queue}-definitions.schema.json and
examples/definitions/ has one file of each kind.

The database is the service's: --database-url or DATABASE_URL for PostgreSQL, otherwise the
embedded database in the data directory (stop the service first: it serves one process).
See docs/jobs-service/catalog.md.

Example: npx jobfloor import systems examples/definitions/systems.json --tenant demo`;

const importOptions = {
  tenant: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What the command line asks for. */
interface ImportRequest {
  readonly kind: DefinitionKind;
  readonly file: string;
  readonly tenant: string;
  /** The service's own flags (--data-dir, --database-url, --config ...). */
  readonly configArgs: readonly string[];
}

/** parseArgs' complaint; an unknown flag gets the nearest known one (`--date-dir`: did you mean `--data-dir`?). */
function argumentProblem(error: Error & { code?: string }): string {
  const unknown = error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-[^']*)'/.exec(error.message)?.[1] : undefined;
  if (unknown === undefined) return error.message.replace(/\.$/, '');
  const known = ['--tenant', '--help', ...serviceConfigFlagNames.map((name) => `--${name}`)];
  return `unknown option '${unknown}'.${didYouMean(unknown, known)} The options are ${known.join(', ')}`;
}

/** The request, 'help', or why the arguments are wrong. */
function readImportArgs(args: string[]): ImportRequest | 'help' | { problem: string } {
  const split = splitServiceConfigArgs(args);
  let parsed;
  try {
    parsed = parseArgs({ args: split.rest, options: importOptions, strict: true, allowPositionals: true });
  } catch (error) {
    return { problem: argumentProblem(error as Error & { code?: string }) };
  }
  if (parsed.values.help === true) return 'help';
  const [kind, file, ...extra] = parsed.positionals;
  if (kind === undefined || !(definitionKinds as readonly string[]).includes(kind)) {
    return { problem: `say what FILE defines: systems, apps or queues${kind === undefined ? '' : ` (not '${kind}')`}` };
  }
  if (file === undefined) return { problem: `name the file of ${kind} to import` };
  if (extra.length > 0) return { problem: `unexpected argument '${extra[0]}'; import one file at a time` };
  if (parsed.values.tenant === undefined) return { problem: `--tenant is required: the tenant that the ${kind} belong to` };
  return { kind: kind as DefinitionKind, file, tenant: parsed.values.tenant, configArgs: split.config };
}

/**
 * Finds the offset of the first JSON syntax error. JSON.parse says what is wrong but, in Node 20,
 * often not where ("Unexpected token ']'"), so this short recursive-descent scanner finds the place.
 * It only recognises JSON; the value comes from JSON.parse.
 */
class JsonSyntaxScanner {
  #at = 0;

  constructor(private readonly text: string) {}

  /** The offset where the text stops being JSON (its length when it is JSON but ends too soon). */
  errorOffset(): number {
    try {
      this.#value();
      this.#skipSpace();
      if (this.#at < this.text.length) this.#fail();
    } catch (error) {
      if (error !== this) throw error;
    }
    return this.#at;
  }

  #fail(): never {
    throw this; // unwinds the descent; errorOffset() reads #at
  }

  #skipSpace(): void {
    while (this.#at < this.text.length && ' \t\n\r'.includes(this.text[this.#at]!)) this.#at += 1;
  }

  #take(char: string): void {
    if (this.text[this.#at] !== char) this.#fail();
    this.#at += 1;
  }

  #value(): void {
    this.#skipSpace();
    const char = this.text[this.#at];
    if (char === '{') this.#sequence('{', '}', () => this.#member());
    else if (char === '[') this.#sequence('[', ']', () => this.#value());
    else if (char === '"') this.#string();
    else this.#literal();
  }

  #sequence(open: string, close: string, item: () => void): void {
    this.#take(open);
    this.#skipSpace();
    if (this.text[this.#at] === close) return this.#take(close);
    for (;;) {
      item();
      this.#skipSpace();
      if (this.text[this.#at] !== ',') return this.#take(close);
      this.#take(',');
    }
  }

  #member(): void {
    this.#skipSpace();
    this.#string();
    this.#skipSpace();
    this.#take(':');
    this.#value();
  }

  #string(): void {
    this.#take('"');
    while (this.#at < this.text.length && this.text[this.#at] !== '"') {
      if (this.text[this.#at]! < ' ') this.#fail();
      this.#at += this.text[this.#at] === '\\' ? 2 : 1;
    }
    this.#take('"');
  }

  #literal(): void {
    const match = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.#at));
    if (match === null) this.#fail();
    this.#at += match[0].length;
  }
}

/** A fix for the usual hand-editing slips at the error's place. */
function jsonFix(text: string, offset: number): string {
  const char = text[offset];
  if ((char === ']' || char === '}') && text.slice(0, offset).trimEnd().endsWith(',')) return 'remove the comma before it (JSON has no trailing commas)';
  if (char === '/') return 'remove the comment (JSON has no comments; put notes in "description")';
  if (char === "'") return 'use double quotes (JSON strings and names are "quoted")';
  if (offset >= text.length) return 'the file ends too soon: close every [ and { and every string';
  return 'correct the JSON at that place (a missing comma, quote or bracket is the usual cause)';
}

/** JSON.parse's message without what the line and column say better: its position and its quote of the text. */
function parseProblem(error: Error): string {
  return error.message.replace(/,\s*(\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, '').replace(/ in JSON at position \d+.*$/s, '');
}

/** `FILE:line:column: not valid JSON: ... Fix: ...`. */
function describeBadJson(file: string, text: string, error: Error): string {
  const offset = new JsonSyntaxScanner(text).errorOffset();
  const before = text.slice(0, offset).split('\n');
  const where = `${file}:${before.length}:${before.at(-1)!.length + 1}`;
  return `${where}: not valid JSON: ${parseProblem(error)}. Fix: ${jsonFix(text, offset)}; nothing was imported.`;
}

/** The parsed file, or the message that says why it cannot be read. */
function readDefinitionFile(file: string): { content: unknown } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, ''); // some editors start UTF-8 files with a byte order mark
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { problem: `cannot read ${file}: ${reason}` };
  }
  try {
    return { content: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: describeBadJson(file, text, error as Error) };
  }
}

/** One problem as a line: `FILE#/systems/0/id: message`, or `--tenant: message`. */
function formatProblem(request: ImportRequest, error: FieldError): string {
  if (error.field.startsWith('/')) return `  ${request.file}#${error.field}: ${error.message}`;
  if (error.field === 'tenant') return `  --tenant ${request.tenant}: ${error.message}`;
  return `  ${request.file}: ${error.field}: ${error.message}`;
}

function describeRefusal(request: ImportRequest, error: CatalogDefinitionError): string {
  const count = error.errors.length === 1 ? '1 problem' : `${error.errors.length} problems`;
  const lines = error.errors.map((fieldError) => formatProblem(request, fieldError));
  return [`jobfloor import: ${request.file} has ${count}; nothing was imported:`, ...lines].join('\n');
}

/** Opens the service's database, migrates it, and imports the file in one transaction. */
async function importIntoDatabase(request: ImportRequest, content: unknown): Promise<ImportCounts> {
  const config = loadServiceConfig({ argv: request.configArgs, env: process.env });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    return await db.transaction((tx) => importDefinitions(tx, request.kind, request.tenant, content));
  } finally {
    await db.close();
  }
}

function describeCounts(request: ImportRequest, counts: ImportCounts): string {
  const total = counts.created + counts.updated;
  return `Imported ${total} ${request.kind} into tenant '${request.tenant}' from ${request.file}: ${counts.created} created, ${counts.updated} updated.`;
}

async function run(args: string[]): Promise<number> {
  const request = readImportArgs(args);
  if (request === 'help') {
    console.log(HELP);
    return 0;
  }
  if ('problem' in request) {
    console.error(`jobfloor import: ${request.problem}.\n\n${HELP}`);
    return 1;
  }
  const file = readDefinitionFile(request.file);
  if ('problem' in file) {
    console.error(`jobfloor import: ${file.problem}`);
    return 1;
  }
  try {
    console.log(describeCounts(request, await importIntoDatabase(request, file.content)));
    return 0;
  } catch (error) {
    if (!(error instanceof CatalogDefinitionError)) throw error;
    console.error(describeRefusal(request, error));
    return 1;
  }
}

/** The `jobfloor import` command. */
export const command: Command = {
  summary: 'import system, app or tenant queue definitions from a JSON file',
  async run(args) {
    try {
      return await run(args);
    } catch (error) {
      console.error(error instanceof ConfigError ? error.message : `jobfloor import: ${(error as Error).message}`);
      return 1;
    }
  },
};
