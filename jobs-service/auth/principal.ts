/** Who a request comes from, as its bearer token says, and the interface that finds out. */

/** The caller of a request: read from a verified token's claims. */
export interface Principal {
  /** The tenant, from the claim that `auth.tenantClaim` names (default `tenant`). */
  readonly tenantId: string;
  /** The user, from the claim that `auth.userClaim` names (default `sub`). */
  readonly userId: string;
  /** The token's roles, from the claim that `auth.rolesClaim` names (default `roles`); empty when absent. */
  readonly roles: readonly string[];
  /** The token's roles include auth.adminRole */
  readonly adminByRole: boolean;
}

/** Verifies the `Authorization` header of a request and says who sent it. */
export interface Authenticator {
  /** The principal of a valid bearer token; rejects with an AuthenticationError (a 401) otherwise. */
  authenticate(authorizationHeader: string | undefined): Promise<Principal>;
}
