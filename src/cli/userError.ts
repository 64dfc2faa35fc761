/** A failure caused by the user's input or environment: printed as one line, exit code 1, no stack. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
