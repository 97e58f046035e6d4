import fs from 'node:fs';

/** Whether a process exists (one owned by another user, EPERM, exists too). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process whose pid a pid file names is running: true, false (no file, or its process is gone),
 * or null when it cannot be told (the file cannot be read for another reason, such as too many open
 * files): not knowing is not a death.
 */
export function pidFileAlive(
  file: string,
  read: (file: string) => string = (name) => fs.readFileSync(name, 'utf8'),
): boolean | null {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? false : null;
  }
  const pid = Number(text.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) && !isZombie(pid);
}

/** A process that has exited but not been reaped yet (an init that reaps slowly keeps it so for a while). */
export function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
