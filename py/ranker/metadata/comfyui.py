"""The prompt of a ComfyUI image: the text that reached the `positive` input of the sampler
that made the saved image, read from the graphs ComfyUI writes into the file, or none.

ComfyUI writes two graphs. The API graph (PNG text `prompt`) is what the server ran:
`{node_id: {"class_type", "inputs"}}`, a link being `[node_id, output_index]`. The UI graph
(PNG text `workflow`) is the editor's: nodes with `inputs`, `outputs` and positional
`widgets_values`, a `links` table, bypassed (mode 4) and muted (mode 2) nodes, reroutes,
primitive nodes and subgraphs (`definitions.subgraphs`). The API graph decides whenever it can
be read, whatever it decides, "undecidable" included: it is what ran, while the workflow may
hold nodes that did not run (a partial queue) or text the page changed when it queued it
(dynamic prompts). The workflow is read only when there is no readable API graph, and it is
first turned into the API graph's shape the way the page's own `graphToPrompt` does it
(ComfyUI_frontend `ExecutableNodeDTO.resolveInput/resolveOutput`): reroutes and bypassed nodes
are passed through, muted nodes are gone, subgraph instances are expanded.

The walk, the same for both graphs: from each save node (`SAVE_NODES`, and `PREVIEW_NODES`)
back through the image and latent inputs to the samplers. Every sampler whose output reaches the
saved pixels counts (a hires-fix pass and the pass before it, both images of a composite), and
all must have been given the same text, else there is no prompt; an image that a conditioning
node takes (a video's start frame, a depth map, a control image) is a guide, and the walk does
not go behind it. From each sampler the `positive` input (or its guider's) is followed through
reroutes, primitives, string nodes and pass-through conditioning nodes to text encoders. A
chain that meets a node this reader does not know, a language model writing the prompt at run
time, a zeroed or image-only conditioning, or two different texts joined (ConditioningCombine /
Concat / Average, an SDXL `text_g` unlike its `text_l`) gives no prompt, and a note says why: a
wrong prompt in training data is worse than none.

Every graph is hostile until read: its text is parsed only below GRAPH_CHARS, at most NODES
nodes are built (subgraphs expanded), every chain is followed at most HOPS deep and all the
walks of one file visit at most STEPS nodes; anything malformed is a note, never an exception.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeGuard

from .generation import Generation

GRAPH_CHARS = 1024 * 1024
"""The longest graph text parsed: the largest template workflow is 468 KB as saved (indented),
and the PNG reader already caps one text chunk at 512 KB. Parsing is the costliest step: 3 MB
of JSON takes a third of a second in CPython, more in the page."""
NODES = 5000
"""The most nodes built from one graph, subgraph instances expanded: the largest of the 644
workflows of comfyui-workflow-templates-json 0.1.123 builds 211."""
LINKS = 50000
"""The most links read from one graph's link tables."""
HOPS = 64
"""The deepest chain followed: links through reroutes, bypasses and subgraph boundaries, or
conditioning through pass-through nodes (a handful deep in real workflows)."""
STEPS = 20000
"""The most node visits of all the walks of one file together."""
TEXT_CHARS = 256 * 1024
"""The longest text a string node may make: far above a prompt, and it stops a chain of
concatenations that doubles a text at each step from filling the memory."""
SUBGRAPH_DEPTH = 8
"""The deepest nesting of subgraphs expanded."""
NOTES = 6
"""The most notes one graph adds: the first reasons are the useful ones."""

SAVE_NODES = frozenset(
    {
        # ComfyUI nodes.py SaveImage; comfy_extras/nodes_images.py SaveAnimatedWEBP,
        # SaveAnimatedPNG, SaveImageAdvanced; nodes_video.py SaveVideo, SaveWEBM
        "SaveImage",
        "SaveImageAdvanced",
        "SaveAnimatedWEBP",
        "SaveAnimatedPNG",
        "SaveVideo",
        "SaveWEBM",
        # common custom-node savers (VideoHelperSuite, WAS, Image Saver, Easy-Use, ...)
        "VHS_VideoCombine",
        "Image Save",
        "Image Saver",
        "SaveImageExtended",
        "easy imageSave",
        "SaveImageWithMetaData",
    }
)
PREVIEW_NODES = frozenset({"PreviewImage"})
"""Previews write the same metadata into ComfyUI's temp folder, so a preview of a generated
image counts like a save (its prompt must agree); a preview of no generation (a ControlNet
preprocessor's output, say) is not taken for the file where the graph saves something."""

_SAMPLERS = frozenset({"KSampler", "KSamplerAdvanced", "SamplerCustom", "SamplerCustomAdvanced"})
_SEED_INPUTS = ("seed", "noise_seed")
_LATENT_INPUT = "latent_image"
_SAMPLER_SIGNS = ("guider", "positive", "seed", "noise_seed", "steps")
_SKIPPED_IN_IMAGE_WALK = frozenset(
    {
        "model",
        "clip",
        "vae",
        "positive",
        "negative",
        "conditioning",
        "guider",
        "sampler",
        "sigmas",
        "noise",
        "clip_vision",
        "clip_vision_output",
        "control_net",
        "upscale_model",
        "style_model",
    }
)
"""Inputs that carry no pixels or latents: the image walk does not follow them."""

_ENCODERS: dict[str, tuple[str, ...]] = {
    # nodes.py CLIPTextEncode (text)
    "CLIPTextEncode": ("text",),
    # comfy_extras/nodes_clip_sdxl.py
    "CLIPTextEncodeSDXL": ("text_g", "text_l"),
    "CLIPTextEncodeSDXLRefiner": ("text",),
    # nodes_flux.py CLIPTextEncodeFlux (clip_l, t5xxl, guidance)
    "CLIPTextEncodeFlux": ("clip_l", "t5xxl"),
    # nodes_sd3.py CLIPTextEncodeSD3 (clip_l, clip_g, t5xxl, empty_padding)
    "CLIPTextEncodeSD3": ("clip_l", "clip_g", "t5xxl"),
    # nodes_hidream.py CLIPTextEncodeHiDream (clip_l, clip_g, t5xxl, llama)
    "CLIPTextEncodeHiDream": ("clip_l", "clip_g", "t5xxl", "llama"),
    # nodes_qwen.py TextEncodeQwenImageEdit(Plus) (clip, prompt, vae, image...)
    "TextEncodeQwenImageEdit": ("prompt",),
    "TextEncodeQwenImageEditPlus": ("prompt",),
    # nodes_lumina2.py CLIPTextEncodeLumina2 (system_prompt, user_prompt)
    "CLIPTextEncodeLumina2": ("user_prompt",),
    # nodes_pixart.py, nodes_hunyuan.py
    "CLIPTextEncodePixArtAlpha": ("text",),
    "CLIPTextEncodeHunyuanDiT": ("bert", "mt5xl"),
    "TextEncodeHunyuanVideo_ImageToVideo": ("prompt",),
}
"""Text encoders and their text inputs. Where one has several (SDXL's two CLIPs, Flux's CLIP-L
and T5), the texts must be the same or empty: two different texts have no one prompt."""
_TEXT_ENCODER_MARK = "TextEncode"
_GENERIC_TEXT_INPUTS = ("prompt", "text")
"""Any other `*TextEncode*` node (TextEncodeQwenImage21, TextEncodeJoyImageEdit, ...) is read by
its one `prompt` or `text` input; one with positive and negative outputs gives `prompt` at
output 0 and `negative_prompt` at output 1."""

_PASS_THROUGH: dict[str, str] = {
    # nodes.py
    "ConditioningSetArea": "conditioning",
    "ConditioningSetAreaPercentage": "conditioning",
    "ConditioningSetAreaStrength": "conditioning",
    "ConditioningSetMask": "conditioning",
    "ConditioningSetTimestepRange": "conditioning",
    "ControlNetApply": "conditioning",
    "unCLIPConditioning": "conditioning",
    "StyleModelApply": "conditioning",
    # nodes_flux.py
    "FluxGuidance": "conditioning",
    "FluxDisableGuidance": "conditioning",
    "FluxKontextMultiReferenceLatentMethod": "conditioning",
    # nodes_edit_model.py
    "ReferenceLatent": "conditioning",
}
"""Nodes that change how a conditioning is applied, not its text: one conditioning in, one out.
Nodes with `positive` and `negative` inputs (ControlNetApplyAdvanced, InpaintModelConditioning,
WanImageToVideo, LTXVConditioning, ...) pass output 0 from `positive` and 1 from `negative`."""
_PAIRS: dict[str, tuple[int, int]] = {
    **dict.fromkeys(
        (
            "ControlNetApplyAdvanced",
            "ControlNetApplySD3",
            "ControlNetInpaintingAliMamaApply",
            "InpaintModelConditioning",
            "InstructPixToPixConditioning",
            "HiDreamO1ReferenceImages",
            "HunyuanImageToVideo",
            "HunyuanVideo15ImageToVideo",
            "HunyuanVideo15SuperResolution",
            "Kandinsky5ImageToVideo",
            "LTXVAddGuide",
            "LTXVConditioning",
            "LTXVCropGuides",
            "LTXVImgToVideo",
            "ReferenceMultiLatent",
            "WanImageToVideo",
            "WanFirstLastFrameToVideo",
            "WanFunControlToVideo",
            "WanFunInpaintToVideo",
            "Wan22FunControlToVideo",
            "WanCameraImageToVideo",
            "WanVaceToVideo",
            "WanAnimate2ToVideo",
            "WanHuMoImageToVideo",
            "WanSoundImageToVideo",
            "WanSoundImageToVideoExtend",
            "WanTrackToVideo",
            "WanMoveTrackToVideo",
            "WanSCAILToVideo",
        ),
        (0, 1),
    ),
    "LTXVReferenceAudio": (1, 2),
    "WanInfiniteTalkToVideo": (1, 2),
}
"""Output slots of the positive and the negative on nodes that take both, as the frontend names
those outputs in the 644 template workflows of comfyui-workflow-templates-json 0.1.123 (the
workflow's own output names decide where it has them). Two start with a model: output 0 is
not always the positive."""
_JOINS: dict[str, tuple[str, str]] = {
    "ConditioningCombine": ("conditioning_1", "conditioning_2"),
    "ConditioningConcat": ("conditioning_to", "conditioning_from"),
    "ConditioningAverage": ("conditioning_to", "conditioning_from"),
}
"""Two conditionings made one: the prompt only when both texts are the same (or one is empty);
two different texts have no single prompt, and joining them would be a text no one wrote."""
_IMAGE_CONDITIONING = frozenset(
    {
        "SVD_img2vid_Conditioning",
        "StableZero123_Conditioning",
        "StableZero123_Conditioning_Batched",
        "SV3D_Conditioning",
        "Hunyuan3Dv2Conditioning",
        "Hunyuan3Dv2ConditioningMultiView",
    }
)
_MODEL_WRITTEN = frozenset({"TextGenerate", "TextGenerateLTX2Prompt"})
"""Nodes whose text a language model writes at run time: the workflow never holds it."""
_STRING_SOURCES: dict[str, str] = {"PrimitiveString": "value", "PrimitiveStringMultiline": "value"}
_MODEL_NAMES = ("ckpt_name", "unet_name", "model_name")

_WIDGETS: dict[str, tuple[str | None, ...]] = {
    # widgets_values order as the frontend writes it: the input order of each node's
    # INPUT_TYPES / define_schema, with the frontend's control_after_generate value (None here)
    # after each seed.
    "KSampler": ("seed", None, "steps", "cfg", "sampler_name", "scheduler", "denoise"),
    "KSamplerAdvanced": (
        "add_noise",
        "noise_seed",
        None,
        "steps",
        "cfg",
        "sampler_name",
        "scheduler",
        "start_at_step",
        "end_at_step",
        "return_with_leftover_noise",
    ),
    # comfy_extras/nodes_custom_sampler.py
    "SamplerCustom": ("add_noise", "noise_seed", None, "cfg"),
    "RandomNoise": ("noise_seed", None),
    "CFGGuider": ("cfg",),
    "DualCFGGuider": ("cfg_conds", "cfg_cond2_negative", "style"),
    "KSamplerSelect": ("sampler_name",),
    "BasicScheduler": ("scheduler", "steps", "denoise"),
    "CheckpointLoaderSimple": ("ckpt_name",),
    "ImageOnlyCheckpointLoader": ("ckpt_name",),
    "UNETLoader": ("unet_name", "weight_dtype"),
    "CLIPTextEncode": ("text",),
    "CLIPTextEncodeSDXL": (
        "width",
        "height",
        "crop_w",
        "crop_h",
        "target_width",
        "target_height",
        "text_g",
        "text_l",
    ),
    "CLIPTextEncodeSDXLRefiner": ("ascore", "width", "height", "text"),
    "CLIPTextEncodeFlux": ("clip_l", "t5xxl", "guidance"),
    "CLIPTextEncodeSD3": ("clip_l", "clip_g", "t5xxl", "empty_padding"),
    "CLIPTextEncodeHiDream": ("clip_l", "clip_g", "t5xxl", "llama"),
    "TextEncodeQwenImageEdit": ("prompt",),
    "TextEncodeQwenImageEditPlus": ("prompt",),
    "CLIPTextEncodeLumina2": ("system_prompt", "user_prompt"),
    "CLIPTextEncodePixArtAlpha": ("width", "height", "text"),
    "CLIPTextEncodeHunyuanDiT": ("bert", "mt5xl"),
    "TextEncodeHunyuanVideo_ImageToVideo": ("prompt", "image_interleave"),
    # comfy_extras/nodes_primitive.py, nodes_string.py, nodes_logic.py
    "PrimitiveString": ("value",),
    "PrimitiveStringMultiline": ("value",),
    "PrimitiveInt": ("value", None),
    "PrimitiveFloat": ("value",),
    "PrimitiveBoolean": ("value",),
    "StringConcatenate": ("string_a", "string_b", "delimiter"),
    "StringReplace": ("string", "find", "replace"),
    "ComfySwitchNode": ("switch",),
}
_CONTROL_VALUES = frozenset({"fixed", "increment", "decrement", "randomize"})
_NUMBER_SOURCES = frozenset({"PrimitiveInt", "PrimitiveFloat"})
_VIRTUAL = frozenset({"Reroute", "PrimitiveNode", "Note", "MarkdownNote", "GetNode", "SetNode"})
_MUTED, _BYPASSED = 2, 4
_SUBGRAPH_INPUT, _SUBGRAPH_OUTPUT = -10, -20


class _TooBig(Exception):
    """A graph past one of the caps: no prompt, and a note."""


@dataclass(frozen=True)
class _Link:
    node: str
    slot: int


@dataclass(frozen=True)
class _Why:
    """Why a value cannot be had; walks return it instead of raising."""

    reason: str


_UNCONNECTED = _Why("an input is not connected")
_Value = Any
"""What an input holds: a _Link, a _Why, or a literal JSON value."""


# API graph ------------------------------------------------------------------------------------


class _ApiGraph:
    """The API graph as ComfyUI's server received it (execution.py validates the same shape)."""

    ui = False

    def __init__(self, data: dict[Any, Any]) -> None:
        if len(data) > NODES:
            raise _TooBig(f"the prompt graph has {len(data):,} nodes, over {NODES:,}")
        self.nodes: dict[str, tuple[str, dict[Any, Any]]] = {}
        for key, node in data.items():
            if isinstance(node, dict) and isinstance(node.get("class_type"), str):
                inputs = node.get("inputs")
                self.nodes[str(key)] = (
                    node["class_type"],
                    inputs if isinstance(inputs, dict) else {},
                )

    def ids(self) -> Iterator[str]:
        return iter(self.nodes)

    def kind(self, node: str) -> str:
        found = self.nodes.get(node)
        return found[0] if found else ""

    def value(self, node: str, name: str) -> _Value:
        found = self.nodes.get(node)
        if found is None or name not in found[1]:
            return _UNCONNECTED
        raw = found[1][name]
        if (
            isinstance(raw, list)
            and len(raw) == 2
            and isinstance(raw[0], str | int)
            and type(raw[1]) is int
        ):
            target = str(raw[0])
            if target not in self.nodes:
                return _Why(f"a link to node {target}, which is not in the graph")
            return _Link(target, raw[1])
        return raw

    def names(self, node: str) -> list[str]:
        found = self.nodes.get(node)
        return [name for name in found[1] if isinstance(name, str)] if found else []

    def output_name(self, node: str, slot: int) -> str | None:
        """The API graph does not name outputs."""
        return None


# UI graph -------------------------------------------------------------------------------------


@dataclass
class _Scope:
    """One graph level: the root workflow, or one instance of a subgraph definition."""

    prefix: str
    """Execution ids of its nodes start with this ("" at the root, "57:" inside instance 57)."""
    nodes: dict[str, dict[str, Any]]
    links: dict[int, tuple[int, int, str]]
    """link id -> (origin node id, origin slot, type); -10 is the subgraph's input node."""
    definition: dict[str, Any] | None
    instance: dict[str, Any] | None
    parent: _Scope | None


class _UiGraph:
    """The workflow, read as the page would turn it into an API graph (ComfyUI_frontend
    `graphToPrompt` and `ExecutableNodeDTO`): input links resolved through reroutes, bypassed
    nodes, primitive nodes and subgraph boundaries, muted nodes dropped."""

    ui = True

    def __init__(self, data: dict[str, Any]) -> None:
        definitions = _dict(data.get("definitions")).get("subgraphs")
        self.definitions = {
            str(item["id"]): item
            for item in _list(definitions)[:NODES]
            if isinstance(item, dict) and "id" in item
        }
        self.built = 0
        self.link_count = 0
        self.real: dict[str, tuple[_Scope, dict[str, Any]]] = {}
        """Execution id -> (scope, node) for every node that runs."""
        self.scopes: dict[str, _Scope] = {}
        """Instance execution id -> the scope of its inside."""
        self.root = self._scope("", data, None, None, None, 0)

    def _scope(
        self,
        prefix: str,
        graph: dict[str, Any],
        definition: dict[str, Any] | None,
        instance: dict[str, Any] | None,
        parent: _Scope | None,
        depth: int,
    ) -> _Scope:
        nodes: dict[str, dict[str, Any]] = {}
        for node in _list(graph.get("nodes")):
            self.built += 1
            if self.built > NODES:
                raise _TooBig(f"the workflow has more than {NODES:,} nodes")
            if isinstance(node, dict) and "id" in node:
                nodes[str(node["id"])] = node
        scope = _Scope(prefix, nodes, self._links(graph), definition, instance, parent)
        for key, node in nodes.items():
            kind = node.get("type")
            mode = node.get("mode")
            if mode in (_MUTED, _BYPASSED) or not isinstance(kind, str) or kind in _VIRTUAL:
                continue
            exec_id = prefix + key
            inner = self.definitions.get(kind)
            if inner is None:
                self.real[exec_id] = (scope, node)
            elif depth < SUBGRAPH_DEPTH:
                self.scopes[exec_id] = self._scope(
                    exec_id + ":", inner, inner, node, scope, depth + 1
                )
            else:
                raise _TooBig(f"subgraphs nest more than {SUBGRAPH_DEPTH} deep")
        return scope

    def _links(self, graph: dict[str, Any]) -> dict[int, tuple[int, int, str]]:
        """The link table: `[id, from, from_slot, to, to_slot, type]` rows at the root,
        `{"id", "origin_id", "origin_slot", ...}` objects in subgraphs (either is read)."""
        links: dict[int, tuple[int, int, str]] = {}
        for row in _list(graph.get("links")):
            self.link_count += 1
            if self.link_count > LINKS:
                raise _TooBig(f"the workflow has more than {LINKS:,} links")
            if isinstance(row, list) and len(row) >= 6:
                key, origin, slot, kind = row[0], row[1], row[2], row[5]
            elif isinstance(row, dict):
                key, origin, slot = row.get("id"), row.get("origin_id"), row.get("origin_slot")
                kind = row.get("type")
            else:
                continue
            if _is_int(key) and _is_int(origin) and _is_int(slot):
                links[key] = (origin, slot, str(kind))
        return links

    def ids(self) -> Iterator[str]:
        return iter(self.real)

    def kind(self, node: str) -> str:
        found = self.real.get(node)
        return str(found[1].get("type")) if found else ""

    def names(self, node: str) -> list[str]:
        found = self.real.get(node)
        if not found:
            return []
        entries = [_dict(entry) for entry in _list(found[1].get("inputs"))]
        return [e["name"] for e in entries if isinstance(e.get("name"), str) and e.get("link")]

    def output_name(self, node: str, slot: int) -> str | None:
        found = self.real.get(node)
        outputs = _list(found[1].get("outputs")) if found else []
        name = _dict(outputs[slot]).get("name") if 0 <= slot < len(outputs) else None
        return name if isinstance(name, str) else None

    def value(self, node: str, name: str) -> _Value:
        found = self.real.get(node)
        if found is None:
            return _UNCONNECTED
        scope, raw = found
        return self._input(scope, raw, name, 0)

    def _input(self, scope: _Scope, node: dict[str, Any], name: str, hops: int) -> _Value:
        """An input of a node by name: where its link leads, else its widget's value."""
        for entry in _list(node.get("inputs")):
            if isinstance(entry, dict) and entry.get("name") == name:
                link = entry.get("link")
                if _is_int(link):
                    resolved = self._follow(scope, link, str(entry.get("type")), hops + 1)
                    if resolved is _INNER:
                        return _widget(node, name)
                    if isinstance(resolved, _Outer):
                        return _promoted(resolved.value, _widget(node, name), name)
                    return resolved
                if "widget" not in entry:
                    return _UNCONNECTED
                break
        return _widget(node, name)

    def _follow(self, scope: _Scope, link_id: int, want: str, hops: int) -> _Value:
        """Where a link leads, as ExecutableNodeDTO.resolveInput / resolveOutput resolve it."""
        if hops > HOPS:
            return _Why(f"a link chain more than {HOPS} deep (a cycle?)")
        link = scope.links.get(link_id)
        if link is None:
            return _Why(f"link {link_id} is not in the workflow's link table")
        origin, slot, _kind = link
        if origin == _SUBGRAPH_INPUT:
            return self._subgraph_input(scope, slot, hops)
        node = scope.nodes.get(str(origin))
        if node is None:
            return _Why(f"link {link_id} comes from node {origin}, which is not in the workflow")
        kind = node.get("type")
        mode = node.get("mode")
        if mode == _MUTED:
            return _Why(f"the input comes from a muted node ({kind}), which does not run")
        if mode == _BYPASSED:
            return self._bypass(scope, node, slot, want, hops)
        if kind == "Reroute":
            return self._input_at(scope, node, 0, want, hops)
        if kind == "PrimitiveNode":
            values = node.get("widgets_values")
            return values[0] if isinstance(values, list) and values else _UNCONNECTED
        if kind == "GetNode":
            return self._get_node(scope, node, want, hops)
        if isinstance(kind, str) and kind in self.definitions:
            return self._subgraph_output(scope, node, slot, want, hops)
        if not isinstance(kind, str) or kind in _VIRTUAL:
            return _Why(f"the input comes from a node of no kind that runs ({kind})")
        return _Link(scope.prefix + str(origin), slot)

    def _input_at(
        self, scope: _Scope, node: dict[str, Any], index: int, want: str, hops: int
    ) -> _Value:
        inputs = _list(node.get("inputs"))
        entry = _dict(inputs[index]) if 0 <= index < len(inputs) else {}
        link = entry.get("link")
        if not _is_int(link):
            return _UNCONNECTED
        return self._follow(scope, link, want, hops + 1)

    def _bypass(
        self, scope: _Scope, node: dict[str, Any], slot: int, want: str, hops: int
    ) -> _Value:
        """A bypassed node passes an input of the output's type through: the input at the same
        index if its type fits, else the first of exactly the wanted type, else the first that
        fits (ExecutableNodeDTO #getBypassSlotIndex)."""
        inputs = [_dict(entry) for entry in _list(node.get("inputs"))]
        outputs = _list(node.get("outputs"))
        out_type = str(_dict(outputs[slot]).get("type")) if 0 <= slot < len(outputs) else want
        types = [str(entry.get("type")) for entry in inputs]
        if want in ("*", ""):
            index = slot if len(inputs) > slot else 0
        elif slot < len(types) and _fits(types[slot], out_type) and _fits(types[slot], want):
            index = slot
        elif want in types:
            index = types.index(want)
        else:
            fitting = [i for i, t in enumerate(types) if _fits(t, out_type) and _fits(t, want)]
            if not fitting:
                return _Why(f"a bypassed {node.get('type')} has no input to pass through")
            index = fitting[0]
        return self._input_at(scope, node, index, want, hops)

    def _get_node(self, scope: _Scope, node: dict[str, Any], want: str, hops: int) -> _Value:
        """KJNodes' GetNode reads the input of the SetNode of the same name."""
        name = _list(node.get("widgets_values"))[:1]
        setters = [
            other
            for other in scope.nodes.values()
            if other.get("type") == "SetNode" and _list(other.get("widgets_values"))[:1] == name
        ]
        if len(setters) != 1:
            return _Why(f"a GetNode named {name} has {len(setters)} SetNodes of that name")
        return self._input_at(scope, setters[0], 0, want, hops)

    def _subgraph_output(
        self, scope: _Scope, node: dict[str, Any], slot: int, want: str, hops: int
    ) -> _Value:
        inner = self.scopes.get(scope.prefix + str(node.get("id")))
        if inner is None or inner.definition is None:
            return _Why("a subgraph that was not expanded")
        outputs = _list(inner.definition.get("outputs"))
        ids = _list(_dict(outputs[slot]).get("linkIds")) if 0 <= slot < len(outputs) else []
        if not ids or not _is_int(ids[0]):
            return _Why(f"output {slot} of subgraph {node.get('type')} is connected to nothing")
        return self._follow(inner, ids[0], want, hops + 1)

    def _subgraph_input(self, scope: _Scope, slot: int, hops: int) -> _Value:
        """An inner node's input wired to the subgraph's input `slot`: the instance's link
        there, else the instance's own widget for it, else (widgets promoted as proxies, which
        keep their value in the inner node) the inner node's widget (_INNER)."""
        instance, definition, parent = scope.instance, scope.definition, scope.parent
        if instance is None or definition is None or parent is None:
            return _Why("a link from a subgraph input outside any subgraph")
        declared = _list(definition.get("inputs"))
        if not 0 <= slot < len(declared):
            return _Why(f"subgraph input {slot} is not declared")
        name = _dict(declared[slot]).get("name")
        for entry in _list(instance.get("inputs")):
            if isinstance(entry, dict) and entry.get("name") == name and _is_int(entry.get("link")):
                return self._follow(parent, entry["link"], str(entry.get("type")), hops + 1)
        values = instance.get("widgets_values")
        if isinstance(values, dict):
            return values.get(name, _INNER)
        if not isinstance(values, list) or not values:
            return _INNER
        widgets = [
            (_dict(item).get("name"), str(_dict(item).get("type")))
            for item in declared
            if str(_dict(item).get("type")) in _WIDGET_TYPES
        ]
        names = [widget_name for widget_name, _ in widgets]
        if len(widgets) == len(values) and name in names:
            value = values[names.index(name)]
            aligned = all(
                isinstance(found, _WIDGET_TYPES[kind])
                and (kind == "BOOLEAN") == (found is True or found is False)
                for (_, kind), found in zip(widgets, values)
            )
            return value if aligned else _Outer(value)
        return _Why(f"the value of subgraph input {name!r} cannot be told from the instance")


_INNER = _Why("use the inner node's own widget")


@dataclass(frozen=True)
class _Outer:
    """A promoted widget's value as the subgraph instance holds it, matched to the subgraph's
    inputs by their order."""

    value: Any


def _promoted(outer: Any, inner: _Value, name: str) -> _Value:
    """The instance's value of a promoted widget is what runs, but it is matched by order: where
    the inner node holds another value too, which is right cannot be told for sure."""
    if isinstance(inner, _Why) or inner == outer:
        return outer
    return _Why(f"a subgraph instance and its inner node hold different values of {name!r}")


_WIDGET_TYPES: dict[str, type | tuple[type, ...]] = {
    "INT": int,
    "FLOAT": (int, float),
    "STRING": str,
    "COMBO": str,
    "BOOLEAN": bool,
}
"""The types of a subgraph's widget inputs and of the values an instance holds for them: where
every value has its input's type, the instance's values are taken as matched right."""


def _widget(node: dict[str, Any], name: str) -> _Value:
    """A widget's value: by name where the node type's widget order is known, else by the
    order of the inputs the frontend marks as widgets (with the value a seed's
    control_after_generate adds skipped) when those account for every value."""
    values = node.get("widgets_values")
    if isinstance(values, dict):
        return values.get(name, _UNCONNECTED)
    if not isinstance(values, list):
        return _UNCONNECTED
    order = _WIDGETS.get(str(node.get("type")))
    if order is not None:
        if name not in order or order.index(name) >= len(values):
            return _UNCONNECTED
        at = order.index(name)
        shifted = any(
            slot is None and values[i] not in _CONTROL_VALUES for i, slot in enumerate(order[:at])
        )
        return (
            _Why("the widget values are not in the order known for the node")
            if shifted
            else values[at]
        )
    named: dict[Any, Any] = {}
    at = 0
    for entry in _list(node.get("inputs")):
        entry = _dict(entry)
        if "widget" not in entry:
            continue
        if at >= len(values):
            return _UNCONNECTED
        named.setdefault(entry.get("name"), values[at])
        at += 1
        if entry.get("type") == "INT" and at < len(values) and values[at] in _CONTROL_VALUES:
            at += 1
    # Only a node that lists every widget as an input (frontends since 1.16) lists them in the
    # widgets' order; older ones listed converted widgets alone, in the order converted.
    return named.get(name, _UNCONNECTED) if at == len(values) else _UNCONNECTED


def _fits(have: str, want: str) -> bool:
    """LiteGraph.isValidConnection: "*" and "" fit all; comma lists fit any member."""
    if have in ("*", "", "0") or want in ("*", "", "0") or have == want:
        return True
    return bool(set(have.lower().split(",")) & set(want.lower().split(",")))


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _is_int(value: Any) -> TypeGuard[int]:
    return type(value) is int


# the walk -------------------------------------------------------------------------------------


_Graph = _ApiGraph | _UiGraph


class _Walk:
    """The walks over one graph, sharing one budget of STEPS node visits."""

    def __init__(self, graph: _Graph) -> None:
        self.graph = graph
        self.steps = 0
        self.memo: dict[tuple[str, int, _Link | None], str | _Why] = {}
        self.texts: dict[tuple[str, int], str | _Why] = {}

    def visit(self) -> None:
        self.steps += 1
        if self.steps > STEPS:
            raise _TooBig(f"following the graph took more than {STEPS:,} steps")

    def inputs(self, node: str) -> Iterator[tuple[str, _Link]]:
        for name in self.graph.names(node):
            value = self.graph.value(node, name)
            if isinstance(value, _Link):
                yield name, value

    # which samplers made the saved image --------------------------------------------------

    def is_sampler(self, node: str) -> bool:
        """A known sampler, or any node that samples from a positive conditioning (FaceDetailer,
        UltimateSDUpscale, ...): one with a guider, or with `positive` and a seed or steps
        (conditioning nodes like WanImageToVideo have neither)."""
        if self.graph.kind(node) in _SAMPLERS:
            return True
        has = {name for name in _SAMPLER_SIGNS if self.has(node, name)}
        return "guider" in has or ("positive" in has and len(has) > 1)

    def has(self, node: str, name: str) -> bool:
        return not isinstance(self.graph.value(node, name), _Why)

    def makes_conditioning(self, node: str) -> bool:
        """A node that conditions a sampler on an image (WanImageToVideo's start image,
        InstructPixToPixConditioning's depth map, SVD's first frame) and gives it a latent as
        well: that latent is a shape or a guide, not an earlier generation, so the walk stops
        there (a sampler behind such an image made a guide, not the saved picture)."""
        if self.graph.kind(node) in _IMAGE_CONDITIONING:
            return True
        return self.has(node, "positive") and self.has(node, "negative")

    def samplers(self, save: str) -> tuple[list[str], list[str]]:
        """The samplers whose output reaches a save node's input, the last ones first: (the
        last samplers, every sampler). From a sampler the walk goes on into its latent input,
        so an earlier pass (hires fix, refiner, img2img of a generated image) counts too."""
        last: list[str] = []
        every: list[str] = []
        seen: set[str] = {save}
        queue: list[tuple[_Link, bool]] = [(link, True) for _, link in self.inputs(save)]
        while queue:
            link, first = queue.pop(0)
            if link.node in seen:
                continue
            seen.add(link.node)
            self.visit()
            if self.is_sampler(link.node):
                every.append(link.node)
                if first:
                    last.append(link.node)
                follow = [
                    item
                    for item in self.inputs(link.node)
                    if item[0] == _LATENT_INPUT
                    or (
                        self.graph.kind(link.node) not in _SAMPLERS
                        and item[0] not in _SKIPPED_IN_IMAGE_WALK
                    )
                ]
                queue.extend((item[1], False) for item in follow)
                continue
            if self.makes_conditioning(link.node):
                continue
            queue.extend(
                (item[1], first)
                for item in self.inputs(link.node)
                if item[0] not in _SKIPPED_IN_IMAGE_WALK
            )
        return last, every

    # the text a conditioning was encoded from ---------------------------------------------

    def positive(self, sampler: str) -> str | _Why:
        guider = self.graph.value(sampler, "guider")
        if isinstance(guider, _Link):
            return self.guided(guider, 0)
        value = self.graph.value
        return self.conditioning(value(sampler, "positive"), 0, value(sampler, "negative"))

    def guided(self, link: _Link, depth: int) -> str | _Why:
        """The positive text of a guider (nodes_custom_sampler.py CFGGuider: positive;
        BasicGuider: conditioning; DualCFGGuider: cond1, the one guided towards, while cond2 sits
        between it and the negative: for instruct-pix2pix models, the image alone with the
        negative text, as in the HiDream E1 templates)."""
        self.visit()
        kind = self.graph.kind(link.node)
        value = self.graph.value
        if kind == "BasicGuider":
            return self.conditioning(value(link.node, "conditioning"), depth + 1)
        if kind == "DualCFGGuider":
            return self.conditioning(
                value(link.node, "cond1"), depth + 1, value(link.node, "cond2")
            )
        if kind == "ComfySwitchNode":
            chosen = self.switched(link.node)
            return self.guided(chosen, depth + 1) if isinstance(chosen, _Link) else _why(chosen)
        positive = value(link.node, "positive")
        if not isinstance(positive, _Why):
            return self.conditioning(positive, depth + 1, value(link.node, "negative"))
        return _Why(f"the sampler's guider is a {kind}, which this reader does not know")

    def conditioning(self, value: _Value, depth: int, partner: _Value = None) -> str | _Why:
        """The text a conditioning was encoded from, or why there is none. `partner` is what the
        same consumer takes as the opposite conditioning (its negative, when this is its
        positive): it tells which output of an unknown positive/negative node this is."""
        if isinstance(value, _Why):
            return value
        if not isinstance(value, _Link):
            return _Why("a conditioning input holds a value, not a link")
        if depth > HOPS:
            return _Why(f"a conditioning chain more than {HOPS} deep")
        key = (value.node, value.slot, partner if isinstance(partner, _Link) else None)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = _Why("a conditioning chain that loops back on itself")
        self.visit()
        found = self._conditioning(value, depth, partner)
        self.memo[key] = found
        return found

    def _conditioning(self, link: _Link, depth: int, partner: _Value) -> str | _Why:
        node, graph = link.node, self.graph
        kind = graph.kind(node)
        fields = _ENCODERS.get(kind)
        if fields is not None:
            return self.encoded(node, kind, fields, depth)
        if kind == "ConditioningZeroOut":
            return _Why("the positive conditioning is zeroed out: no text guided the sampler")
        if kind in _IMAGE_CONDITIONING:
            return _Why(f"the sampler is conditioned on an image ({kind}), not on a text")
        if kind in _PASS_THROUGH:
            return self.conditioning(graph.value(node, _PASS_THROUGH[kind]), depth + 1)
        if kind in _JOINS:
            first, second = _JOINS[kind]
            one = self.conditioning(graph.value(node, first), depth + 1)
            return _join(kind, one, self.conditioning(graph.value(node, second), depth + 1))
        if kind == "ComfySwitchNode":
            return self.conditioning(self.switched(node), depth + 1)
        if self.has(node, "positive") and self.has(node, "negative"):
            name = self.paired(link, kind, partner)
            if name is None:
                return _Why(f"which output of {kind} is the positive conditioning is not known")
            other = "negative" if name == "positive" else "positive"
            return self.conditioning(graph.value(node, name), depth + 1, graph.value(node, other))
        if kind in _MODEL_WRITTEN:
            return _Why(f"a language model wrote the prompt at run time ({kind})")
        if _TEXT_ENCODER_MARK in kind:
            return self.generic_encoder(link, kind, depth)
        return _Why(
            f"the positive conditioning passes through {kind}, which this reader does not know"
        )

    def paired(self, link: _Link, kind: str, partner: _Value) -> str | None:
        """Which input (positive or negative) an output of a node with both passes on: by the
        output's name where the workflow gives it, else by the slots known for the node's
        kind, else output 0 and 1 when the consumer's opposite input takes the other one of
        the pair (a node whose outputs start elsewhere, such as a model first, fails that)."""
        name = self.graph.output_name(link.node, link.slot)
        if name in ("positive", "negative"):
            return name
        slots = _PAIRS.get(kind)
        if slots is None and partner == _Link(link.node, 1 - link.slot) and link.slot in (0, 1):
            slots = (0, 1)
        if slots is not None and link.slot in slots:
            return "positive" if link.slot == slots[0] else "negative"
        return None

    def encoded(self, node: str, kind: str, fields: tuple[str, ...], depth: int) -> str | _Why:
        texts = []
        for name in fields:
            text = self.string(self.graph.value(node, name), depth + 1)
            if isinstance(text, _Why):
                return text
            texts.append(text.strip())
        distinct = {text for text in texts if text}
        if len(distinct) > 1:
            return _Why(f"{kind} holds different texts in {', '.join(fields)}")
        return distinct.pop() if distinct else ""

    def generic_encoder(self, link: _Link, kind: str, depth: int) -> str | _Why:
        if link.slot == 1:
            names: tuple[str, ...] = ("negative_prompt",)
        elif link.slot == 0:
            names = _GENERIC_TEXT_INPUTS
        else:
            return _Why(f"a conditioning taken from output {link.slot} of {kind}")
        present = [n for n in names if not isinstance(self.graph.value(link.node, n), _Why)]
        if len(present) != 1:
            return _Why(f"{kind} is a text encoder this reader does not know")
        return self.encoded(link.node, kind, (present[0],), depth)

    def string(self, value: _Value, depth: int) -> str | _Why:
        """A text input's text: a literal, or what a primitive or string node makes."""
        if isinstance(value, _Why):
            return value
        if isinstance(value, str):
            return self.checked(value)
        if not isinstance(value, _Link):
            return _Why(f"a text input holds a {type(value).__name__}, not a text")
        if depth > HOPS:
            return _Why(f"a text chain more than {HOPS} deep")
        key = (value.node, value.slot)
        if key not in self.texts:
            self.texts[key] = _Why("a text chain that loops back on itself")
            self.visit()
            self.texts[key] = self._string(value, depth)
        return self.texts[key]

    def _string(self, value: _Link, depth: int) -> str | _Why:
        node, graph = value.node, self.graph
        kind = graph.kind(node)
        if kind in _STRING_SOURCES:
            return self.string(graph.value(node, _STRING_SOURCES[kind]), depth + 1)
        if kind == "StringConcatenate":  # nodes_string.py: string_a + delimiter + string_b
            names = ("string_a", "string_b", "delimiter")
            parts = [self.string(graph.value(node, n), depth + 1) for n in names]
            bad = [part for part in parts if isinstance(part, _Why)]
            return bad[0] if bad else _capped(f"{parts[0]}{parts[2]}{parts[1]}")
        if kind == "StringReplace":  # nodes_string.py: string.replace(find, replace)
            names = ("string", "find", "replace")
            parts = [self.string(graph.value(node, n), depth + 1) for n in names]
            bad = [part for part in parts if isinstance(part, _Why)]
            if bad:
                return bad[0]
            text, find, replace = (str(part) for part in parts)
            grows = (text.count(find) if find else len(text) + 1) * (len(replace) - len(find))
            return (
                _capped(text.replace(find, replace)) if len(text) + grows <= TEXT_CHARS else _LONG
            )
        if kind == "ComfySwitchNode":
            return self.string(self.switched(node), depth + 1)
        if kind == "PreviewAny":  # nodes_preview_any.py: a text source passes as it is
            return self.string(graph.value(node, "source"), depth + 1)
        if kind in _MODEL_WRITTEN:
            return _Why(f"a language model wrote the prompt at run time ({kind})")
        return _Why(f"the prompt text comes from {kind}, which this reader does not know")

    def checked(self, text: str) -> str | _Why:
        """The page resolves `{a|b}` choices and strips `//` and `/* */` comments when it
        queues a workflow (ComfyUI_frontend processDynamicPrompt), and the server may resolve
        choices too: such a text is not the one that was encoded."""
        if "{" in text and "|" in text and "}" in text:
            return _Why("the text holds {a|b} choices, made at run time")
        if self.graph.ui and ("{" in text or "//" in text or "/*" in text):
            return _Why("the workflow's text holds what the page rewrites when it queues it")
        return text

    def switched(self, node: str) -> _Value:
        """nodes_logic.py SwitchNode: on_true when switch, else on_false."""
        switch = self.graph.value(node, "switch")
        if isinstance(switch, _Link) and self.graph.kind(switch.node) == "PrimitiveBoolean":
            switch = self.graph.value(switch.node, "value")
        if not isinstance(switch, bool):
            return _Why("a switch whose position is not in the graph")
        return self.graph.value(node, "on_true" if switch else "on_false")

    # the rest of the record, from the last sampler ----------------------------------------

    def record(self, sampler: str) -> dict[str, Any]:
        graph = self.graph
        guider = graph.value(sampler, "guider")
        owner = guider.node if isinstance(guider, _Link) else sampler
        noise = graph.value(sampler, "noise")
        seed_node = noise.node if isinstance(noise, _Link) else sampler
        found: dict[str, Any] = {
            "seed": self.number(seed_node, _SEED_INPUTS, int),
            "cfg": self.number(owner, ("cfg",), float),
            "steps": self.number(sampler, ("steps",), int),
            "sampler": self.text(sampler, "sampler_name"),
            "model": self.model(graph.value(owner, "model")),
        }
        sampler_link = graph.value(sampler, "sampler")
        if found["sampler"] is None and isinstance(sampler_link, _Link):
            found["sampler"] = self.text(sampler_link.node, "sampler_name")
        sigmas = graph.value(sampler, "sigmas")
        if found["steps"] is None and isinstance(sigmas, _Link):
            found["steps"] = self.number(sigmas.node, ("steps",), int)
        negative = self.conditioning(
            graph.value(owner, "negative"), 0, graph.value(owner, "positive")
        )
        found["negative_prompt"] = negative.strip() or None if isinstance(negative, str) else None
        return found

    def number(self, node: str, names: tuple[str, ...], kind: type) -> Any:
        for name in names:
            value = self.graph.value(node, name)
            if isinstance(value, _Link) and self.graph.kind(value.node) in _NUMBER_SOURCES:
                value = self.graph.value(value.node, "value")
            if isinstance(value, int | float) and not isinstance(value, bool):
                return kind(value) if kind is float or float(value).is_integer() else None
        return None

    def text(self, node: str, name: str) -> str | None:
        value = self.graph.value(node, name)
        return value if isinstance(value, str) and value else None

    def model(self, value: _Value) -> str | None:
        """The checkpoint, UNet or diffusion model file a model chain was loaded from (through
        LoRAs, patches and sampling settings, each with one `model` input)."""
        for _ in range(HOPS):
            if not isinstance(value, _Link):
                return None
            self.visit()
            for name in _MODEL_NAMES:
                found = self.text(value.node, name)
                if found:
                    return found
            value = self.graph.value(value.node, "model")
        return None


_LONG = _Why("a text node makes a text longer than any prompt")


def _capped(text: str) -> str | _Why:
    return text if len(text) <= TEXT_CHARS else _LONG


def _join(kind: str, one: str | _Why, two: str | _Why) -> str | _Why:
    if isinstance(one, _Why):
        return one
    if isinstance(two, _Why):
        return two
    if one.strip() == two.strip() or not two.strip():
        return one
    if not one.strip():
        return two
    return _Why(f"{kind} joins two different texts: no one of them is the prompt")


def _why(value: _Value) -> _Why:
    return value if isinstance(value, _Why) else _Why("a switch that leads to no guider")


# the answer -----------------------------------------------------------------------------------


_FIELDS = ("negative_prompt", "seed", "model", "sampler", "steps", "cfg")


def _decide(graph: _Graph, where: str) -> Generation:
    """The prompt every sampler behind every saved image was given, if they agree."""
    walk = _Walk(graph)
    result = Generation(generator="ComfyUI", source=where)
    saves = [node for node in graph.ids() if graph.kind(node) in SAVE_NODES]
    previews = [node for node in graph.ids() if graph.kind(node) in PREVIEW_NODES]
    if not saves and not previews:
        result.notes.append(f"the {where} graph has no save node: no prompt")
        return result
    last: list[str] = []
    texts: dict[str, list[str]] = {}
    reasons: list[str] = []
    for save in saves + previews:
        final, every = walk.samplers(save)
        if not every and (save in saves or not saves):
            reasons.append(f"no sampler made the image of {graph.kind(save)} (node {save})")
        for sampler in final:
            if sampler not in last:
                last.append(sampler)
        for sampler in every:
            found = walk.positive(sampler)
            if isinstance(found, _Why):
                reasons.append(f"{found.reason} (sampler node {sampler})")
            else:
                texts.setdefault(found.strip(), []).append(sampler)
    if reasons:
        result.notes.extend(f"no prompt: {reason}" for reason in _unique(reasons)[:NOTES])
    elif len(texts) > 1:
        result.notes.append(
            f"no prompt: {len(texts)} different positive texts reach the saved images "
            f"(samplers {', '.join(sorted(n for group in texts.values() for n in group))})"
        )
    elif texts:
        prompt = next(iter(texts))
        if prompt:
            result.prompt = prompt
        else:
            result.notes.append("the positive text is empty")
    records = [walk.record(sampler) for sampler in last]
    for name in _FIELDS:
        values = {repr(record[name]) for record in records}
        if records and len(values) == 1:
            setattr(result, name, records[0][name])
    return result


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _parse(text: str | None, where: str, notes: list[str]) -> dict[Any, Any] | None:
    if text is None:
        return None
    if not isinstance(text, str):
        notes.append(f"the {where} graph is a {type(text).__name__}, not a text")
        return None
    if len(text) > GRAPH_CHARS:
        notes.append(f"the {where} graph is {len(text):,} characters long, over {GRAPH_CHARS:,}")
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        notes.append(f"the {where} graph is not readable JSON ({str(error)[:80]})")
        return None
    if not isinstance(data, dict) or not data:
        notes.append(f"the {where} graph is not a graph of nodes")
        return None
    return data


def generation(api: str | None, workflow: str | None) -> Generation:
    """What ComfyUI recorded of how an image was made, from the `prompt` (API graph) and
    `workflow` (UI graph) texts it writes: the API graph decides when it holds ComfyUI nodes,
    the workflow only when it does not (see the module's docstring). `source` names the text
    the answer came from ("prompt" or "workflow"). Never raises."""
    notes: list[str] = []
    data = _parse(api, "prompt", notes)
    if data is not None:
        try:
            graph = _ApiGraph(data)
        except _TooBig as error:
            return _refused("prompt", str(error), notes)
        if graph.nodes:
            return _answer(graph, "prompt", notes)
        notes.append("the prompt text holds no ComfyUI nodes")
    data = _parse(workflow, "workflow", notes)
    if data is not None:
        try:
            return _answer(_UiGraph(data), "workflow", notes)
        except _TooBig as error:
            return _refused("workflow", str(error), notes)
        except RecursionError:
            return _refused("workflow", "it nests too deep", notes)
    return Generation(generator="ComfyUI", notes=notes)


def _answer(graph: _Graph, where: str, notes: list[str]) -> Generation:
    try:
        found = _decide(graph, where)
    except _TooBig as error:
        return _refused(where, str(error), notes)
    except RecursionError:
        return _refused(where, "it nests too deep", notes)
    found.notes[:0] = notes
    return found


def _refused(where: str, why: str, notes: list[str]) -> Generation:
    return Generation(
        generator="ComfyUI",
        source=where,
        notes=[*notes, f"the {where} graph was not followed: {why}"],
    )
