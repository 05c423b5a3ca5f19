/** What an HTTPS server needs: the runtime makes it (runtime/self-signed-certificate.ts), the HTTP layer serves with it. */
export interface TlsMaterial {
  /** PEM private key. */
  readonly key: string;
  /** PEM certificate. */
  readonly cert: string;
}
