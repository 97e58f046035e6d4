/**
 * The exit-code contract of the command-line tools (`npm run import`, `npm run token`): the code
 * `main` returns (0 done, 1 refused), 1 with the message for an error of a `refusals` class (the
 * input is wrong), 2 with "<name> failed: …" for anything else (the tool could not run).
 */
export function runCommand(
  name: string,
  main: () => Promise<number>,
  refusals: (abstract new (...args: never[]) => Error)[],
): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (refusals.some((refusal) => error instanceof refusal)) {
        console.error((error as Error).message);
        process.exit(1);
      }
      console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
