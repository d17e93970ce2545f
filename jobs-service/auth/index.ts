/** JWT authentication for the jobs service: who a request comes from, and the development key. */
export { AuthenticationError } from './authentication-error.js';
export { bearerToken } from './bearer-token.js';
export { principalFromClaims, type ClaimSettings } from './claims.js';
export { createAuthenticator } from './create-authenticator.js';
export {
  ensureDevelopmentKey,
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  DEVELOPMENT_JWKS_FILE,
  DEVELOPMENT_KEY_FILE,
  type DevelopmentKey,
} from './development-key.js';
export { mintDevelopmentToken, type DevelopmentTokenOptions } from './development-token.js';
export type { Authenticator, Principal } from './principal.js';
export { usesDevelopmentKey } from './verification-keys.js';
