/** One `jobfloor` sub-command. */
export interface Command {
  /** One line for `jobfloor --help`. */
  readonly summary: string;
  /** Runs the command with the arguments after its name; resolves with the exit code. */
  run(args: string[]): Promise<number>;
}
