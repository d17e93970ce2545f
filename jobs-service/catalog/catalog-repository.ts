/**
 * One repository shape for the three catalogue tables (systems, apps, tenant queues): create,
 * update, upsert, get and list, always within one tenant. Each table describes its columns once
 * ({@link CatalogTable}); the SQL is built from that description, never from caller input.
 */
import type { Queryable } from '../database/database.js';
import type { FieldError } from '../validation/field-error.js';
import { CatalogConflictError, CatalogDefinitionError, CatalogNotFoundError, type CatalogKind } from './catalog-errors.js';

/** A stored definition's bookkeeping: its tenant and when it was created and last changed (ISO 8601). */
export interface StoredFields {
  readonly tenantId: string;
  readonly created: string;
  readonly lastUpdated: string;
}

/** One column written from a definition. */
export interface CatalogColumn<Definition> {
  readonly name: string;
  readonly value: (definition: Definition) => unknown;
  /** Stored as jsonb (the value is serialised, so arrays stay JSON arrays). */
  readonly json?: boolean;
}

/** How one catalogue table maps definitions to rows and back. */
export interface CatalogTable<Definition, Stored> {
  readonly kind: CatalogKind;
  readonly table: string;
  /** The column holding the id that is unique within the tenant. */
  readonly key: string;
  readonly keyOf: (definition: Definition) => string;
  readonly columns: readonly CatalogColumn<Definition>[];
  /** Columns set on insert and kept by updates (an app's uuid). */
  readonly insertOnly?: readonly { readonly name: string; readonly value: () => unknown }[];
  readonly fromRow: (row: Record<string, unknown>) => Stored;
  /** Problems with what the definition names among the tenant's other definitions. */
  readonly check?: (db: Queryable, tenantId: string, definition: Definition) => Promise<FieldError[]>;
}

/** An ISO 8601 string of a timestamp column. */
export function isoTime(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

/** The properties of `record` whose value is neither null nor undefined. */
export function withoutNulls<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined)) as T;
}

/** The bookkeeping fields of a catalogue row. */
export function storedFields(row: Record<string, unknown>): StoredFields {
  return { tenantId: String(row.tenant_id), created: isoTime(row.created), lastUpdated: isoTime(row.last_updated) };
}

/** Create, update, upsert, get and list of one kind of definition, per tenant. */
export class CatalogRepository<Definition, Stored> {
  constructor(
    private readonly db: Queryable,
    private readonly spec: CatalogTable<Definition, Stored>,
  ) {}

  /** Adds a definition; a {@link CatalogConflictError} when the tenant already has its id. */
  async create(tenantId: string, definition: Definition): Promise<Stored> {
    await this.#check(tenantId, definition);
    const { columns, params, placeholders } = this.#insertParts(tenantId, definition);
    const sql = `INSERT INTO ${this.spec.table} (${columns}) VALUES (${placeholders}) ON CONFLICT (tenant_id, ${this.spec.key}) DO NOTHING RETURNING *`;
    const { rows } = await this.db.query<Record<string, unknown>>(sql, params);
    if (rows[0] === undefined) throw new CatalogConflictError(this.spec.kind, tenantId, this.spec.keyOf(definition));
    return this.spec.fromRow(rows[0]);
  }

  /** Replaces a definition; a {@link CatalogNotFoundError} when the tenant has none with its id. */
  async update(tenantId: string, definition: Definition): Promise<Stored> {
    await this.#check(tenantId, definition);
    const assignments = this.spec.columns.map((column, index) => `${column.name} = ${this.#placeholder(column, index + 3)}`);
    const sql = `UPDATE ${this.spec.table} SET ${assignments.join(', ')}, last_updated = now() WHERE tenant_id = $1 AND ${this.spec.key} = $2 RETURNING *`;
    const { rows } = await this.db.query<Record<string, unknown>>(sql, [tenantId, this.spec.keyOf(definition), ...this.#values(definition)]);
    if (rows[0] === undefined) throw new CatalogNotFoundError(this.spec.kind, tenantId, this.spec.keyOf(definition));
    return this.spec.fromRow(rows[0]);
  }

  /** Creates or replaces a definition; `created` says which. */
  async upsert(tenantId: string, definition: Definition): Promise<{ stored: Stored; created: boolean }> {
    await this.#check(tenantId, definition);
    const { columns, params, placeholders } = this.#insertParts(tenantId, definition);
    const updates = this.spec.columns.map((column) => `${column.name} = EXCLUDED.${column.name}`);
    const sql =
      `INSERT INTO ${this.spec.table} (${columns}) VALUES (${placeholders}) ` +
      `ON CONFLICT (tenant_id, ${this.spec.key}) DO UPDATE SET ${updates.join(', ')}, last_updated = now() ` +
      `RETURNING *, (xmax = 0) AS inserted`; // xmax is 0 on a row this statement inserted
    const { rows } = await this.db.query<Record<string, unknown>>(sql, params);
    return { stored: this.spec.fromRow(rows[0]!), created: rows[0]!.inserted === true };
  }

  /** The tenant's definition with this id, or undefined. */
  async get(tenantId: string, id: string): Promise<Stored | undefined> {
    const { rows } = await this.db.query<Record<string, unknown>>(`SELECT * FROM ${this.spec.table} WHERE tenant_id = $1 AND ${this.spec.key} = $2`, [tenantId, id]);
    return rows[0] === undefined ? undefined : this.spec.fromRow(rows[0]);
  }

  /** Every definition of the tenant, by id. */
  async list(tenantId: string): Promise<Stored[]> {
    const { rows } = await this.db.query<Record<string, unknown>>(`SELECT * FROM ${this.spec.table} WHERE tenant_id = $1 ORDER BY ${this.spec.key}`, [tenantId]);
    return rows.map((row) => this.spec.fromRow(row));
  }

  async #check(tenantId: string, definition: Definition): Promise<void> {
    const errors = (await this.spec.check?.(this.db, tenantId, definition)) ?? [];
    if (errors.length > 0) throw new CatalogDefinitionError(errors, `${this.spec.kind} '${this.spec.keyOf(definition)}' of tenant '${tenantId}'`);
  }

  #placeholder(column: CatalogColumn<Definition>, position: number): string {
    return column.json === true ? `$${position}::jsonb` : `$${position}`;
  }

  #values(definition: Definition): unknown[] {
    return this.spec.columns.map((column) => {
      const value = column.value(definition) ?? null;
      return column.json === true && value !== null ? JSON.stringify(value) : value;
    });
  }

  #insertParts(tenantId: string, definition: Definition): { columns: string; params: unknown[]; placeholders: string } {
    const insertOnly = this.spec.insertOnly ?? [];
    const names = ['tenant_id', this.spec.key, ...this.spec.columns.map((column) => column.name), ...insertOnly.map((column) => column.name)];
    const placeholders = [
      '$1',
      '$2',
      ...this.spec.columns.map((column, index) => this.#placeholder(column, index + 3)),
      ...insertOnly.map((_, index) => `$${index + 3 + this.spec.columns.length}`),
    ];
    const params = [tenantId, this.spec.keyOf(definition), ...this.#values(definition), ...insertOnly.map((column) => column.value())];
    return { columns: names.join(', '), params, placeholders: placeholders.join(', ') };
  }
}
