// Waiting on work for a bounded time: the work's own outcome if it comes within ms, else `late`. The timer
// is cleared either way, so a finished wait leaves nothing behind that keeps the process alive.

export async function within<T>(work: Promise<T>, ms: number, late: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(late), ms)));
  try {
    return await Promise.race([work, elapsed]);
  } finally {
    clearTimeout(timer);
  }
}
