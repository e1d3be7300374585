"""InvokeAI, in the three forms it has written:

- 3.0 and later: the PNG text `invokeai_metadata`, a JSON object with positive_prompt,
  negative_prompt, seed, steps, cfg_scale, scheduler and model (a dict naming it `name`, or
  `model_name` in 3.x), beside `invokeai_workflow` and `invokeai_graph`
  (invokeai/app/services/image_files/image_files_disk.py, DiskImageFileStorage.save);
- 2.x: the PNG text `sd-metadata`, a JSON object whose `image` (or, for a grid, `images`) holds
  the prompt as weighted parts, seed, steps, cfg_scale and sampler, and `Dream`, the command line
  that made it (ldm/invoke/pngwriter.py, PngWriter.save_image_and_prompt_to_png; ldm/invoke/
  args.py, metadata_dumps);
- before: `Dream` alone.

The prompt of weighted parts is joined as InvokeAI's own reader joins it (args.py,
repack_prompt): one part is the prompt, several are "part:weight,part:weight"."""

from .generation import Generation
from .values import number, text, whole


def current(record: object, source: str) -> Generation:
    if not isinstance(record, dict):
        raise ValueError("it is not a JSON object")
    model = record.get("model")
    if isinstance(model, dict):
        model = model.get("name", model.get("model_name"))
    return Generation(
        prompt=text(record.get("positive_prompt")),
        negative_prompt=text(record.get("negative_prompt")),
        seed=whole(record.get("seed")),
        model=text(model),
        sampler=text(record.get("scheduler")),
        steps=whole(record.get("steps")),
        cfg=number(record.get("cfg_scale")),
        generator="InvokeAI",
        source=source,
    )


def legacy(record: object, source: str) -> Generation:
    if not isinstance(record, dict):
        raise ValueError("it is not a JSON object")
    images = record.get("images")
    grid = isinstance(images, list) and len(images) > 1
    image = images[0] if isinstance(images, list) and images else record.get("image")
    if not isinstance(image, dict):
        raise ValueError("it has no image")
    return Generation(
        prompt=_repacked(image.get("prompt")),
        seed=None if grid else whole(image.get("seed")),
        model=text(record.get("model_weights", record.get("model_id"))),
        sampler=text(image.get("sampler")),
        steps=whole(image.get("steps")),
        cfg=number(image.get("cfg_scale")),
        generator="InvokeAI",
        source=source,
    )


def _repacked(parts: object) -> str | None:
    if isinstance(parts, str):
        return text(parts)
    if not isinstance(parts, list) or not parts:
        return None
    if not all(isinstance(part, dict) and isinstance(part.get("prompt"), str) for part in parts):
        raise ValueError("its prompt parts are not texts")
    if len(parts) == 1:
        return text(parts[0]["prompt"])
    return text(",".join(f"{part['prompt']}:{part.get('weight')}" for part in parts))


_SWITCHES = {"-s": "steps", "-S": "seed", "-C": "cfg", "-A": "sampler"}


def dream(command: str, source: str) -> Generation:
    """`"a prompt [a negative prompt]" -s 50 -S 42 -W 512 -H 512 -C 7.5 -A k_lms`: the prompt
    in quotes first, then switches, with or without a space before their values. A quote among
    the switches would make the prompt's end a guess: such a line is not read."""
    command = command.strip()
    end = command.find('" -', 1)
    if not command.startswith('"') or end < 0 and not command.endswith('"'):
        raise ValueError("it does not start with a quoted prompt")
    end = end if end >= 0 else len(command) - 1
    if '"' in command[end + 1 :]:
        raise ValueError("it has a quote after its prompt")
    values: dict[str, str] = {}
    words = command[end + 1 :].split()
    for at, word in enumerate(words):
        name = _SWITCHES.get(word[:2])
        if name is not None and name not in values:
            values[name] = word[2:] or (words[at + 1] if at + 1 < len(words) else "")
    return Generation(
        prompt=text(command[1:end]),
        seed=whole(values.get("seed")),
        sampler=text(values.get("sampler")),
        steps=whole(values.get("steps")),
        cfg=number(values.get("cfg")),
        generator="InvokeAI",
        source=source,
    )
