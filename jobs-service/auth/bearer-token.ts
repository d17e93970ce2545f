import { AuthenticationError } from './authentication-error.js';

/** The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive (RFC 7235). */
export function bearerToken(authorizationHeader: string | undefined): string {
  const header = authorizationHeader?.trim() ?? '';
  if (header === '') {
    throw new AuthenticationError('no Authorization header; send one as `Authorization: Bearer <token>`');
  }
  const [scheme = '', ...rest] = header.split(/\s+/);
  if (scheme.toLowerCase() !== 'bearer') {
    throw new AuthenticationError(`the Authorization header is not a Bearer token (its scheme is '${scheme.slice(0, 20)}'); send \`Authorization: Bearer <token>\``);
  }
  if (rest.length !== 1 || rest[0] === '') {
    throw new AuthenticationError('the Authorization header has no single token after Bearer; send `Authorization: Bearer <token>`');
  }
  return rest[0]!;
}
