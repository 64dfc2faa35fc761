/** Credentials could not be obtained (a token file, an exec plugin); the message is the one line to show. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
  constructor(
    message: string,
    /** False when trying again cannot help (the plugin is not installed). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
