// Tabs on one folder tell each other when a journal changed, so that the folder's writer
// takes another tab's answers in at once, not at its own next answer. A channel does not
// hear its own messages: a tab is told only of the others' changes.

const channels = new Map();

function channel(folderId) {
  if (!channels.has(folderId)) {
    channels.set(folderId, new BroadcastChannel(`image-ranker:${folderId}`));
  }
  return channels.get(folderId);
}

export function tellOtherTabs(folderId) {
  channel(folderId).postMessage("journal");
}

export function onJournalChange(folderId, callback) {
  channel(folderId).onmessage = () => callback();
}
