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
    (code) => exitAfterOutput(code),
    (error: unknown) => {
      if (refusals.some((refusal) => error instanceof refusal)) {
        console.error((error as Error).message);
        exitAfterOutput(1);
        return;
      }
      console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      exitAfterOutput(2);
    },
  );
}

/**
 * Exits once what was written to stdout and stderr has left the process. Written to a pipe whose reader
 * is slow, output waits in the process, and `process.exit` alone would drop it (the last lines, often
 * the ones that say what happened). A reader that takes nothing for 5 s does not keep the process alive.
 */
export function exitAfterOutput(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const flushed = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
  setTimeout(() => process.exit(code), 5_000);
}
