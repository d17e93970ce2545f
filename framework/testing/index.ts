export {
  connectionStringFor,
  createDatabase,
  dropDatabase,
  randomDatabaseName,
  startThrowawayPostgres,
} from './throwaway-postgres.js';
export type { ThrowawayPostgres, ThrowawayPostgresOptions } from './throwaway-postgres.js';
