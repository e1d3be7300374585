// One writer per folder: a Web Lock named after the folder's id, held by the tab that writes
// its files until that tab closes or lets it go.

const held = new Map(); // id -> { release, released }: the locks this tab holds
const releasing = new Map(); // id -> a promise that settles once the let-go lock is free

// True if this tab now holds the folder's lock (kept until the tab closes or releaseFolder).
// A lock this tab has just let go stays taken for a moment: when the same folder is opened
// again, that release is waited for, or ifAvailable would find the lock taken.
export async function lockFolder(id) {
  if (!navigator.locks) return true;
  await releasing.get(id);
  if (held.has(id)) return true;
  return new Promise((resolve) => {
    const released = navigator.locks.request(
      `image-ranker:${id}`,
      { ifAvailable: true },
      (lock) => {
        if (!lock) {
          resolve(false);
          return undefined;
        }
        resolve(true);
        return new Promise((release) => held.set(id, { release, released }));
      },
    );
  });
}

export function releaseFolder(id) {
  const lock = held.get(id);
  if (!lock) return;
  held.delete(id);
  lock.release();
  releasing.set(id, lock.released.catch(() => {}));
}
