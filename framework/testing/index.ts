export { startThrowawayPostgres } from './throwaway-postgres.js';
export type { ThrowawayPostgres, ThrowawayPostgresOptions } from './throwaway-postgres.js';
export { connectionStringFor, createDatabase, dropDatabase, randomDatabaseName } from './test-databases.js';
