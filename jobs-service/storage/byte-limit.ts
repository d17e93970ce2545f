/** A pass-through stream that counts bytes and fails as soon as more than a limit went by. */
import { Transform, type TransformCallback } from 'node:stream';
import { TooLargeError } from './transfer-errors.js';

/**
 * Counts what passes and fails with `TooLargeError` at the first chunk beyond `maxBytes`, so a
 * server that lies about (or omits) Content-Length cannot fill the disk: the limit holds while
 * streaming, not after.
 */
export class ByteLimit extends Transform {
  /** The bytes passed so far. */
  bytes = 0;

  constructor(
    private readonly source: string,
    private readonly maxBytes: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) callback(new TooLargeError(this.source, this.maxBytes));
    else callback(null, chunk);
  }
}
