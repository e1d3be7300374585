"""What reading one file's metadata may cost, whatever the file claims.

The reading runs on the page's main thread, a slice of the file at a time, so every count a
file can inflate is capped here; each cap says why it is where it is. Reaching one is a note,
never an exception: every byte of a person's folder may be hostile."""

PROMPT_CHARS = 64 * 1024
"""The longest prompt kept: a prompt is a few lines, and it is copied into each answer's lines
of the exports."""
CAPTION_BYTES = PROMPT_CHARS
"""The largest caption file read: the longest prompt, in ASCII."""
TEXT_BYTES = 512 * 1024
"""The most one text may take, in the file or once inflated: above any prompt or ComfyUI
workflow (and generators seldom compress them), far below what a crafted chunk can inflate to
(a thousand times its size)."""
INFLATED_BYTES = 1024 * 1024
"""The most all of one file's compressed text chunks may expand to together: 63 chunks of 4 KB,
each under a cap of 4 MB, once held 250 MB of the page's memory for good. What is inflated may
then be parsed as JSON on the page's main thread (`bench hostile_metadata` times it)."""
PARTS = 4096
"""The most chunks, segments or boxes walked in one file: a file holds a few dozen (an animated
WebP one per frame), a crafted one of empty JPEG segments 65,000 in 256 KB."""
BLOCKS = 8
"""The most EXIF and XMP blocks read in one file: a camera or generator writes one or two of
each, a crafted file thousands, each a note when it cannot be read."""
NOTES = 16
"""The most notes kept for one file: a crafted file can hold thousands of broken chunks, and
the page keeps the notes of every file."""
IFD_ENTRIES = 1000
"""The most entries read in one EXIF IFD: far above the few dozen tags cameras and generators
write, far below the 5,000 a crafted 64 KB block can hold."""

HEAD = 64 * 1024
"""The first read of every file: the whole of most JPEG and PNG headers (a generator writes its
text before the pixels) and of any file smaller than that, in one read."""
TAIL = 80 * 1024
"""The second read of a PNG or WebP whose metadata may follow the pixels: a PNG's last pixel
chunk whole (Pillow writes them 64 KB each) with the text chunks after it, or a WebP's EXIF and
XMP chunks, which follow all the frames of an animation."""
READS = 8
"""The most reads of one file: a head, a tail, a larger tail and a few hops cover every layout
here; each read is an await on the page's main thread, and a folder has thousands of files."""
READ_BYTES = 4 * 1024 * 1024
"""The most bytes asked for in one file, all reads together: two texts of TEXT_BYTES with the
head and tails around them, whatever size the file claims for its chunks."""
