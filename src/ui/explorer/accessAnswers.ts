/**
 * One access review per namespace, asked once: undefined until it answers (and for good when it
 * failed: the keys stay on, and the action then reports the server's own refusal).
 */
export class AccessAnswers<T> {
  private readonly answers = new Map<string, T | null>();

  constructor(
    private readonly ask: ((namespace: string) => Promise<T>) | undefined,
    private readonly answered: () => void,
  ) {}

  get(namespace: string | undefined): T | undefined {
    if (this.ask === undefined || namespace === undefined) return undefined;
    const known = this.answers.get(namespace);
    if (known !== undefined) return known ?? undefined;
    this.answers.set(namespace, null);
    this.ask(namespace).then(
      (answer) => {
        this.answers.set(namespace, answer);
        this.answered();
      },
      () => undefined,
    );
    return undefined;
  }
}
