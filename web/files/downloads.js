// A file the person downloads (votes, rankings, training data), made from text in memory.

// `text`: a string, or an array of its pieces.
export function download(name, text, type = "text/csv") {
  const pieces = typeof text === "string" ? [text] : text;
  const url = URL.createObjectURL(new Blob(pieces, { type: `${type};charset=utf-8` }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
