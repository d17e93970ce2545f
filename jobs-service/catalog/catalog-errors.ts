/**
 * Errors of the tenant catalogue (systems, apps, queues). Each has a stable `code`; the REST API
 * answers 409 for a conflict, 404 for a missing definition and 400 with every field error for an
 * invalid one.
 */
import type { FieldError } from '../validation/field-error.js';

/** The codes of catalogue errors. */
export type CatalogErrorCode = 'JOBFLOOR_CATALOG_CONFLICT' | 'JOBFLOOR_CATALOG_NOT_FOUND' | 'JOBFLOOR_CATALOG_INVALID';

/** What a catalogue definition defines. */
export type CatalogKind = 'system' | 'app' | 'queue';

/** The base of catalogue errors. */
export class CatalogError extends Error {
  constructor(
    readonly code: CatalogErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** The class name, so that subclasses print as themselves. */
  override get name(): string {
    return this.constructor.name;
  }
}

/** Creating a definition whose id the tenant already uses. */
export class CatalogConflictError extends CatalogError {
  constructor(
    readonly kind: CatalogKind,
    readonly tenantId: string,
    readonly id: string,
  ) {
    super('JOBFLOOR_CATALOG_CONFLICT', `tenant '${tenantId}' already has a ${kind} '${id}'; update it instead of creating it`);
  }
}

/** Reading or updating a definition the tenant does not have. */
export class CatalogNotFoundError extends CatalogError {
  constructor(
    readonly kind: CatalogKind,
    readonly tenantId: string,
    readonly id: string,
  ) {
    super('JOBFLOOR_CATALOG_NOT_FOUND', `tenant '${tenantId}' has no ${kind} '${id}'; create it first`);
  }
}

/** A definition that does not fit its schema or names what the tenant does not have; `errors` lists every problem. */
export class CatalogDefinitionError extends CatalogError {
  constructor(
    readonly errors: readonly FieldError[],
    context: string,
  ) {
    super('JOBFLOOR_CATALOG_INVALID', `${context}: ${errors.map((error) => `${error.field}: ${error.message}`).join('; ')}`);
  }
}
