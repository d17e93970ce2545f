import { flows, job, param } from '../../index.js';
import { Cache } from './cache.js';
import { KeyedData } from './keyed-data.js';

/** The flows `getContent` may take instead of its next. */
export interface GetContentFlows {
  /** The content is not cached: get it elsewhere (the graph decides where). */
  doGetNonCachedContent(key: string): void;
}

/** The jobs that know the cache, and only the cache. */
export class CacheJobs {
  /** Returns cached content to next; otherwise hands the key to the `doGetNonCachedContent` flow. */
  @job()
  getContent(
    @param() key: string,
    cache: Cache,
    @flows<GetContentFlows>('doGetNonCachedContent') flows: GetContentFlows,
  ): string | undefined {
    const content = cache.getContent(key);
    if (content !== undefined) return content;
    flows.doGetNonCachedContent(key);
    return undefined; // ignored: the flow runs instead of next
  }

  /** Stores content read elsewhere and passes it on, so that it reaches the same next job. */
  @job()
  cacheContent(@param() data: KeyedData, cache: Cache): string {
    cache.storeContent(data.key, data.content);
    return data.content;
  }
}
