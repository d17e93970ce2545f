/** Content with the key it was read under, passed from the database job to the cache job. */
export class KeyedData {
  constructor(
    readonly key: string,
    readonly content: string,
  ) {}
}
