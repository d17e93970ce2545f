/**
 * What a tenant queue filter can look at: the attributes of a submission once it is resolved
 * against its app (so defaults are filled in and units converted).
 */
export interface SubmissionAttributes {
  /** The submitter's tenant; it names the default queue, filters do not test it. */
  readonly tenantId: string;
  readonly appId: string;
  readonly appVersion: string;
  /** The job name. */
  readonly name: string;
  /** The submitting user. */
  readonly owner: string;
  /** The submitter's roles, as the token gave them. */
  readonly roles: readonly string[];
  /** The execution system (from the app). */
  readonly systemId: string;
  /** The batch queue on the execution system. */
  readonly batchQueue: string;
  readonly nodeCount: number;
  readonly processorsPerNode: number;
  /** GB per node. */
  readonly memoryPerNode: number;
  /** The run time limit in decimal hours. */
  readonly maxHours: number;
  readonly archive: boolean;
  /** The archive storage system; null when the job is not archived. */
  readonly archiveSystem: string | null;
}
