"""ComfyUI's graphs: which text made the image.

`api` is the `prompt` text ComfyUI saves (the API graph: node id -> class_type and inputs),
`workflow` the `workflow` text (the UI graph: nodes with widgets_values). The containers they
come in are found elsewhere (png.py, webp.py, exif.py, read.py); this decides the prompt."""

import json

from .generation import Generation
from .limits import PROMPT_CHARS


def generation(api: str | None, workflow: str | None) -> Generation:
    """The API graph's prompt, else the workflow's; a graph that cannot be read is a note."""
    found = Generation(generator="ComfyUI")
    for key, value, reader in (
        ("prompt", api, _api_prompt),
        ("workflow", workflow, _workflow_prompt),
    ):
        if value is None:
            continue
        try:
            text = reader(value)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
            # RecursionError: JSON nested deeper than the parser recurses
            found.notes.append(f"the {key} text could not be read ({error})")
            continue
        if text and len(text) <= PROMPT_CHARS:
            found.prompt, found.source = text, key
            return found
        if text:
            found.notes.append(
                f"the {key} text is {len(text):,} characters long, over {PROMPT_CHARS:,}: "
                "not a prompt"
            )
    return found


def _api_prompt(value: str) -> str:
    """The text of the CLIPTextEncode node wired to a sampler's `positive` input, else the
    first text encoder's."""
    graph = json.loads(value)
    texts = {
        node_id: node["inputs"]["text"]
        for node_id, node in graph.items()
        if isinstance(node, dict)
        and "TextEncode" in str(node.get("class_type", ""))
        and isinstance(node.get("inputs", {}).get("text"), str)
    }
    for node in graph.values():
        positive = node.get("inputs", {}).get("positive") if isinstance(node, dict) else None
        if isinstance(positive, list) and positive and str(positive[0]) in texts:
            return texts[str(positive[0])].strip()
    return next(iter(texts.values()), "").strip()


def _workflow_prompt(value: str) -> str:
    for node in json.loads(value).get("nodes", []):
        if "TextEncode" in str(node.get("type", "")):
            widgets = node.get("widgets_values") or []
            if widgets and isinstance(widgets[0], str):
                return widgets[0].strip()
    return ""
