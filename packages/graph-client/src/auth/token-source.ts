/** What the authorization middleware needs: a token (or none), and a way to drop a token Graph rejected. */
export interface TokenSource {
  /** Undefined when the client sends no Authorization header (credentials `'none'`). */
  getToken(): Promise<string | undefined>;
  /** Forget the cached token (after a 401) so that the next getToken() fetches a new one. */
  invalidate(): void;
}
