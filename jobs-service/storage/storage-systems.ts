/**
 * The storage systems that locations and archives name (jobs-service/catalog/system-definition.ts):
 * `file` keeps files under its rootDir on this host, `http` serves them below its baseUrl.
 */
import type { StorageSystemDefinition, SystemDefinition } from '../catalog/system-definition.js';
import { UnknownStorageSystemError } from './storage-errors.js';

/** A tenant's systems by id, as the catalogue gives them (StoredSystem values fit). */
export type StorageSystems = ReadonlyMap<string, SystemDefinition>;

/** A `file` storage system. */
export type FileStorageSystem = Extract<StorageSystemDefinition, { kind: 'file' }>;

/** An `http` storage system. */
export type HttpStorageSystem = Extract<StorageSystemDefinition, { kind: 'http' }>;

/** `system` as a storage system; an execution system is refused. */
export function asStorageSystem(system: SystemDefinition): StorageSystemDefinition {
  if (system.type !== 'storage') throw new UnknownStorageSystemError(system.id, 'not-storage');
  return system;
}

/** The storage system `id`; a missing or execution system is refused with UnknownStorageSystemError. */
export function storageSystem(systems: StorageSystems, id: string): StorageSystemDefinition {
  const system = systems.get(id);
  if (system === undefined) throw new UnknownStorageSystemError(id, 'missing');
  return asStorageSystem(system);
}
