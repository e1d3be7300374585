"""ComfyUI samples with a known right prompt, three kinds:

- real ComfyUI outputs from the pinned template media packages (animated WebPs whose EXIF holds
  `prompt:{...}` and `workflow:{...}`), and PNGs rebuilt from their two graphs;
- PNGs rebuilt from real template workflows the way ComfyUI's SaveImage writes them
  (nodes.py: `PngInfo.add_text("prompt", ...)`, then each extra_pnginfo key, `workflow`),
  with the workflow alone, as a person's file from the editor holds it;
- small graphs made here for the cases the templates lack (combine, reroute, primitive, bypass,
  mute, two samplers, hires fix, SamplerCustomAdvanced, Flux, SDXL, subgraphs).

The right prompts of the first two were labelled by reading each graph (which node's text
reaches the saved image's sampler, or why none does), in comfyui_labels.json beside this file;
those of the made graphs are the texts they were made with. No label comes from the reader.
"""

import io
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tests.corpus import Sample
from tests.corpus.packages import member

LABELS = Path(__file__).with_name("comfyui_labels.json")
_EXIF_MAKE, _EXIF_MODEL = 0x010F, 0x0110
"""SaveAnimatedWEBP (comfy_extras/nodes_images.py) writes `workflow:<json>` into EXIF Make and
`prompt:<json>` into EXIF Model."""


def labels() -> dict[str, Any]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def comfyui_samples() -> list[Sample]:
    return [*output_samples(), *template_samples(), *made_samples()]


def graphs(sample: Sample) -> tuple[str | None, str | None]:
    """The API graph and the workflow a sample's file holds, as ComfyUI wrote them."""
    with Image.open(io.BytesIO(sample.data)) as image:
        if sample.container == "png":
            text = getattr(image, "text", {})
            return text.get("prompt"), text.get("workflow")
        exif = image.getexif()
    found: dict[str, str] = {}
    for tag in (_EXIF_MAKE, _EXIF_MODEL):
        key, _, value = str(exif.get(tag, "")).partition(":")
        if key in ("prompt", "workflow"):
            found[key] = value
    return found.get("prompt"), found.get("workflow")


def png(texts: dict[str, str]) -> bytes:
    """A small PNG with text chunks in the order SaveImage adds them."""
    info = PngInfo()
    for key, value in texts.items():
        info.add_text(key, value)
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (90, 120, 150)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


# real outputs ---------------------------------------------------------------------------------


@cache
def output_samples() -> tuple[Sample, ...]:
    """Each labelled real output as it is, and as a PNG holding its two graphs."""
    samples = []
    for label in labels()["outputs"]:
        data = member(label["package"], label["version"], label["member"])
        name = label["member"].rsplit("/", 1)[-1]
        origin = f"{label['package']}=={label['version']} {label['member']}"
        real = Sample(name, data, "ComfyUI", "webp", label["prompt"], origin)
        api, workflow = graphs(real)
        assert api and workflow, f"{origin} holds no ComfyUI graphs"
        rebuilt = png({"prompt": api, "workflow": workflow})
        samples.append(real)
        samples.append(
            Sample(f"{name}.png", rebuilt, "ComfyUI", "png", label["prompt"], f"{origin}, as a PNG")
        )
    return tuple(samples)


# template workflows ---------------------------------------------------------------------------


@cache
def template_samples() -> tuple[Sample, ...]:
    """Each labelled template's workflow in a PNG, as SaveImage writes it."""
    doc = labels()
    samples = []
    for label in doc["templates"]:
        path = doc["member"].format(template=label["template"])
        workflow = member(doc["package"], doc["version"], path)
        data = png({"workflow": json.dumps(json.loads(workflow))})
        origin = f"{doc['package']}=={doc['version']} {path}, in a PNG as SaveImage writes it"
        samples.append(
            Sample(f"{label['template']}.png", data, "ComfyUI", "png", label["prompt"], origin)
        )
    return tuple(samples)


# graphs made here -----------------------------------------------------------------------------


@dataclass
class Api:
    """An API graph being made: {id: {"class_type", "inputs"}}, links as [id, slot]."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, kind: str, **inputs: Any) -> str:
        key = str(len(self.nodes) + 1)
        self.nodes[key] = {"class_type": kind, "inputs": inputs}
        return key

    def text(self) -> str:
        return json.dumps(self.nodes)


@dataclass
class Ui:
    """A workflow being made, in the shape the frontend saves (nodes with inputs, outputs and
    widgets_values; links as [id, from, from_slot, to, to_slot, type])."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    links: list[list[Any]] = field(default_factory=list)
    subgraphs: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        kind: str,
        widgets: list[Any] | None = None,
        inputs: tuple[tuple[str, str], ...] = (),
        outputs: tuple[str, ...] = (),
        mode: int = 0,
    ) -> int:
        key = len(self.nodes) + 1
        self.nodes.append(
            {
                "id": key,
                "type": kind,
                "mode": mode,
                "inputs": [{"name": name, "type": kind_, "link": None} for name, kind_ in inputs],
                "outputs": [{"name": out, "type": out, "links": []} for out in outputs],
                "widgets_values": widgets or [],
            }
        )
        return key

    def wire(self, origin: int, slot: int, target: int, name: str, widget: bool = False) -> None:
        """Links an output to an input by name; a widget input is added if it is not there
        (a widget converted to an input, as the frontend saves it)."""
        node = self.nodes[target - 1]
        kind = self.nodes[origin - 1]["outputs"][slot]["type"]
        entries = node["inputs"]
        if not any(entry["name"] == name for entry in entries):
            entries.append({"name": name, "type": kind, "link": None, "widget": {"name": name}})
        index = next(i for i, entry in enumerate(entries) if entry["name"] == name)
        link = len(self.links) + 1
        entries[index]["link"] = link
        self.nodes[origin - 1]["outputs"][slot]["links"].append(link)
        self.links.append([link, origin, slot, target, index, kind])

    def text(self) -> str:
        graph: dict[str, Any] = {"last_node_id": len(self.nodes), "nodes": self.nodes}
        graph["links"] = self.links
        if self.subgraphs:
            graph["definitions"] = {"subgraphs": self.subgraphs}
        return json.dumps(graph)


POSITIVE = "a lighthouse on a cliff at dawn, oil painting"
NEGATIVE = "blurry, watermark"
OTHER = "a red bicycle leaning on a wall"
_SEED = 123456789


def _api_txt2img(positive_text: str = POSITIVE) -> tuple[Api, str, str, str]:
    """checkpoint, two encoders (the negative made first, so "the first encoder" is the
    negative, the trap the old reader fell into), KSampler, VAEDecode, SaveImage."""
    api = Api()
    ckpt = api.add("CheckpointLoaderSimple", ckpt_name="sd_xl_base_1.0.safetensors")
    negative = api.add("CLIPTextEncode", text=NEGATIVE, clip=[ckpt, 1])
    positive = api.add("CLIPTextEncode", text=positive_text, clip=[ckpt, 1])
    return api, ckpt, positive, negative


def _api_sample(api: Api, ckpt: str, positive: list[Any], negative: list[Any]) -> str:
    sampler = api.add(
        "KSampler",
        seed=_SEED,
        steps=30,
        cfg=7.0,
        sampler_name="dpmpp_2m",
        scheduler="karras",
        denoise=1.0,
        model=[ckpt, 0],
        positive=positive,
        negative=negative,
        latent_image=[api.add("EmptyLatentImage", width=1024, height=1024, batch_size=1), 0],
    )
    decoded = api.add("VAEDecode", samples=[sampler, 0], vae=[ckpt, 2])
    api.add("SaveImage", filename_prefix="ComfyUI", images=[decoded, 0])
    return sampler


def _made(name: str, expected: str | None, why: str, **texts: str) -> Sample:
    return Sample(f"made-{name}.png", png(texts), "ComfyUI", "png", expected, f"made here: {why}")


def _api_cases() -> list[Sample]:
    samples = []

    api, ckpt, positive, negative = _api_txt2img()
    _api_sample(api, ckpt, [positive, 0], [negative, 0])
    samples.append(
        _made("api-negative-first", POSITIVE, "negative encoder first", prompt=api.text())
    )

    api, ckpt, positive, negative = _api_txt2img()
    same = api.add("CLIPTextEncode", text=POSITIVE, clip=[ckpt, 1])
    both = api.add("ConditioningCombine", conditioning_1=[positive, 0], conditioning_2=[same, 0])
    _api_sample(api, ckpt, [both, 0], [negative, 0])
    samples.append(_made("api-combine-same", POSITIVE, "combine of one text", prompt=api.text()))

    for kind, names in (
        ("ConditioningCombine", ("conditioning_1", "conditioning_2")),
        ("ConditioningConcat", ("conditioning_to", "conditioning_from")),
    ):
        api, ckpt, positive, negative = _api_txt2img()
        other = api.add("CLIPTextEncode", text=OTHER, clip=[ckpt, 1])
        joined = api.add(kind, **{names[0]: [positive, 0], names[1]: [other, 0]})
        _api_sample(api, ckpt, [joined, 0], [negative, 0])
        samples.append(_made(f"api-{kind}", None, f"{kind} of two texts", prompt=api.text()))

    api, ckpt, positive, negative = _api_txt2img()
    first = _api_sample(api, ckpt, [positive, 0], [negative, 0])
    upscaled = api.add("LatentUpscaleBy", upscale_method="nearest-exact", scale_by=1.5)
    api.nodes[upscaled]["inputs"]["samples"] = [first, 0]
    second = api.add(
        "KSampler",
        seed=1,
        steps=15,
        cfg=7.0,
        sampler_name="euler",
        scheduler="normal",
        denoise=0.5,
        model=[ckpt, 0],
        positive=[positive, 0],
        negative=[negative, 0],
        latent_image=[upscaled, 0],
    )
    decoded = api.add("VAEDecode", samples=[second, 0], vae=[ckpt, 2])
    api.add("SaveImage", filename_prefix="hires", images=[decoded, 0])
    samples.append(_made("api-hires-same-text", POSITIVE, "hires fix, one text", prompt=api.text()))
    other = api.add("CLIPTextEncode", text=OTHER, clip=[ckpt, 1])
    api.nodes[second]["inputs"]["positive"] = [other, 0]
    samples.append(_made("api-hires-two-texts", None, "two passes, two texts", prompt=api.text()))

    api, ckpt, positive, negative = _api_txt2img()
    _api_sample(api, ckpt, [positive, 0], [negative, 0])
    other = api.add("CLIPTextEncode", text=OTHER, clip=[ckpt, 1])
    _api_sample(api, ckpt, [other, 0], [negative, 0])
    samples.append(_made("api-two-saves", None, "two samplers, two texts", prompt=api.text()))

    api = Api()
    unet = api.add("UNETLoader", unet_name="flux1-dev.safetensors", weight_dtype="default")
    clip = api.add(
        "DualCLIPLoader", clip_name1="t5xxl.safetensors", clip_name2="clip_l.safetensors"
    )
    text = api.add(
        "CLIPTextEncodeFlux", clip_l=POSITIVE, t5xxl=POSITIVE, guidance=3.5, clip=[clip, 0]
    )
    guided = api.add("FluxGuidance", guidance=3.5, conditioning=[text, 0])
    guider = api.add("BasicGuider", model=[unet, 0], conditioning=[guided, 0])
    noise = api.add("RandomNoise", noise_seed=_SEED)
    select = api.add("KSamplerSelect", sampler_name="euler")
    sigmas = api.add("BasicScheduler", scheduler="simple", steps=20, denoise=1.0, model=[unet, 0])
    latent = api.add("EmptySD3LatentImage", width=1024, height=1024, batch_size=1)
    sampled = api.add(
        "SamplerCustomAdvanced",
        noise=[noise, 0],
        guider=[guider, 0],
        sampler=[select, 0],
        sigmas=[sigmas, 0],
        latent_image=[latent, 0],
    )
    vae = api.add("VAELoader", vae_name="ae.safetensors")
    decoded = api.add("VAEDecode", samples=[sampled, 0], vae=[vae, 0])
    api.add("SaveImage", filename_prefix="flux", images=[decoded, 0])
    samples.append(_made("api-flux-custom-advanced", POSITIVE, "Flux, guider", prompt=api.text()))

    for text_l, prompt in ((POSITIVE, POSITIVE), (OTHER, None)):
        api = Api()
        ckpt = api.add("CheckpointLoaderSimple", ckpt_name="sd_xl_base_1.0.safetensors")
        sdxl = api.add(
            "CLIPTextEncodeSDXL",
            width=1024,
            height=1024,
            crop_w=0,
            crop_h=0,
            target_width=1024,
            target_height=1024,
            text_g=POSITIVE,
            text_l=text_l,
            clip=[ckpt, 1],
        )
        negative = api.add("CLIPTextEncode", text=NEGATIVE, clip=[ckpt, 1])
        _api_sample(api, ckpt, [sdxl, 0], [negative, 0])
        case = "same" if prompt else "different"
        samples.append(_made(f"api-sdxl-{case}", prompt, f"SDXL g/l {case}", prompt=api.text()))

    api, ckpt, positive, negative = _api_txt2img()
    head = api.add("PrimitiveStringMultiline", value="a lighthouse on a cliff")
    tail = api.add("PrimitiveString", value="at dawn, oil painting")
    joined = api.add("StringConcatenate", string_a=[head, 0], string_b=[tail, 0], delimiter=" ")
    api.nodes[positive]["inputs"]["text"] = [joined, 0]
    _api_sample(api, ckpt, [positive, 0], [negative, 0])
    samples.append(
        _made(
            "api-strings",
            "a lighthouse on a cliff at dawn, oil painting",
            "strings",
            prompt=api.text(),
        )
    )

    api, ckpt, positive, negative = _api_txt2img()
    unknown = api.add("MysteryConditioning", conditioning=[positive, 0], strength=1.0)
    _api_sample(api, ckpt, [unknown, 0], [negative, 0])
    samples.append(_made("api-unknown-node", None, "unknown node in the chain", prompt=api.text()))

    api, ckpt, positive, negative = _api_txt2img()
    control = api.add(
        "ControlNetApplyAdvanced",
        strength=1.0,
        start_percent=0.0,
        end_percent=1.0,
        positive=[negative, 0],
        negative=[positive, 0],
    )
    _api_sample(api, ckpt, [control, 1], [control, 0])
    samples.append(
        _made("api-controlnet-crossed", POSITIVE, "positive through output 1", prompt=api.text())
    )
    for kind, expected in (("WanInfiniteTalkToVideo", POSITIVE), ("ApplyInstantID", None)):
        api, ckpt, positive, negative = _api_txt2img()
        model_first = api.add(kind, model=[ckpt, 0], positive=[positive, 0], negative=[negative, 0])
        _api_sample(api, ckpt, [model_first, 1], [model_first, 2])
        samples.append(
            _made(f"api-{kind}", expected, "outputs model, positive, negative", prompt=api.text())
        )
    return samples


def _ui_txt2img(ui: Ui, text: str = POSITIVE) -> tuple[int, int, int]:
    """checkpoint, negative encoder, positive encoder (in that order) of a workflow."""
    ckpt = ui.add("CheckpointLoaderSimple", ["sd15.safetensors"], outputs=("MODEL", "CLIP", "VAE"))
    negative = ui.add("CLIPTextEncode", [NEGATIVE], (("clip", "CLIP"),), ("CONDITIONING",))
    positive = ui.add("CLIPTextEncode", [text], (("clip", "CLIP"),), ("CONDITIONING",))
    ui.wire(ckpt, 1, negative, "clip")
    ui.wire(ckpt, 1, positive, "clip")
    return ckpt, negative, positive


_KSAMPLER_INPUTS = (
    ("model", "MODEL"),
    ("positive", "CONDITIONING"),
    ("negative", "CONDITIONING"),
    ("latent_image", "LATENT"),
)


def _ui_sample(ui: Ui, ckpt: int, positive: tuple[int, int], negative: tuple[int, int]) -> int:
    widgets = [_SEED, "randomize", 25, 6.5, "euler", "normal", 1.0]
    sampler = ui.add("KSampler", widgets, _KSAMPLER_INPUTS, ("LATENT",))
    latent = ui.add("EmptyLatentImage", [512, 512, 1], outputs=("LATENT",))
    decode = ui.add("VAEDecode", inputs=(("samples", "LATENT"), ("vae", "VAE")), outputs=("IMAGE",))
    save = ui.add("SaveImage", ["ComfyUI"], (("images", "IMAGE"),))
    ui.wire(ckpt, 0, sampler, "model")
    ui.wire(*positive, sampler, "positive")
    ui.wire(*negative, sampler, "negative")
    ui.wire(latent, 0, sampler, "latent_image")
    ui.wire(sampler, 0, decode, "samples")
    ui.wire(ckpt, 2, decode, "vae")
    ui.wire(decode, 0, save, "images")
    return sampler


def _ui_cases() -> list[Sample]:
    samples = []

    ui = Ui()
    ckpt, negative, positive = _ui_txt2img(ui)
    first = ui.add("Reroute", inputs=(("", "*"),), outputs=("CONDITIONING",))
    second = ui.add("Reroute", inputs=(("", "*"),), outputs=("CONDITIONING",))
    ui.wire(positive, 0, first, "")
    ui.wire(first, 0, second, "")
    _ui_sample(ui, ckpt, (second, 0), (negative, 0))
    samples.append(_made("ui-reroutes", POSITIVE, "two reroutes", workflow=ui.text()))

    ui = Ui()
    ckpt, negative, positive = _ui_txt2img(ui, text="a stale widget value")
    primitive = ui.add("PrimitiveNode", [POSITIVE], outputs=("STRING",))
    ui.wire(primitive, 0, positive, "text", widget=True)
    _ui_sample(ui, ckpt, (positive, 0), (negative, 0))
    samples.append(_made("ui-primitive", POSITIVE, "PrimitiveNode into text", workflow=ui.text()))

    ui = Ui()
    ckpt, negative, positive = _ui_txt2img(ui)
    area_inputs = (("conditioning", "CONDITIONING"),)
    area = ui.add("ConditioningSetArea", [64, 64, 0, 0, 1.0], area_inputs, ("CONDITIONING",), 4)
    control = ui.add(
        "ControlNetApplyAdvanced",
        [1.0, 0.0, 1.0],
        (("positive", "CONDITIONING"), ("negative", "CONDITIONING")),
        ("CONDITIONING", "CONDITIONING"),
        mode=4,
    )
    ui.nodes[control - 1]["outputs"][0]["name"] = "positive"
    ui.nodes[control - 1]["outputs"][1]["name"] = "negative"
    ui.wire(positive, 0, area, "conditioning")
    ui.wire(area, 0, control, "positive")
    ui.wire(negative, 0, control, "negative")
    _ui_sample(ui, ckpt, (control, 0), (control, 1))
    samples.append(
        _made("ui-bypassed", POSITIVE, "bypassed nodes pass through", workflow=ui.text())
    )

    ui = Ui()
    ckpt, negative, positive = _ui_txt2img(ui)
    ui.nodes[positive - 1]["mode"] = 2
    _ui_sample(ui, ckpt, (positive, 0), (negative, 0))
    samples.append(
        _made("ui-muted-encoder", None, "the positive encoder is muted", workflow=ui.text())
    )

    ui = Ui()
    ckpt, negative, positive = _ui_txt2img(ui)
    _ui_sample(ui, ckpt, (positive, 0), (negative, 0))
    other = ui.add("CLIPTextEncode", [OTHER], (("clip", "CLIP"),), ("CONDITIONING",))
    ui.wire(ckpt, 1, other, "clip")
    _ui_sample(ui, ckpt, (other, 0), (negative, 0))
    samples.append(_made("ui-two-saves", None, "two samplers, two texts", workflow=ui.text()))
    ui.nodes[-1]["mode"] = 2
    samples.append(
        _made("ui-second-save-muted", POSITIVE, "the other save is muted", workflow=ui.text())
    )

    ui = Ui()
    ckpt, negative, positive = _ui_txt2img(ui)
    _ui_sample(ui, ckpt, (positive, 0), (negative, 0))
    samples.append(
        _made(
            "api-decides",
            None,
            "the API graph (two texts combined) decides over a workflow with one text",
            prompt=_combined_api(),
            workflow=ui.text(),
        )
    )
    ui = Ui()
    ckpt, negative, positive = _ui_txt2img(ui)
    pair = (("model", "MODEL"), ("positive", "CONDITIONING"), ("negative", "CONDITIONING"))
    custom = ui.add("ApplyInstantID", [0.8], pair, ("MODEL", "CONDITIONING", "CONDITIONING"))
    for slot, name in enumerate(("MODEL", "positive", "negative")):
        ui.nodes[custom - 1]["outputs"][slot]["name"] = name
    ui.wire(ckpt, 0, custom, "model")
    ui.wire(positive, 0, custom, "positive")
    ui.wire(negative, 0, custom, "negative")
    _ui_sample(ui, ckpt, (custom, 1), (custom, 2))
    samples.append(
        _made(
            "ui-named-outputs",
            POSITIVE,
            "outputs named model, positive, negative",
            workflow=ui.text(),
        )
    )
    samples.extend(_subgraph_cases())
    return samples


def _combined_api() -> str:
    api, ckpt, positive, negative = _api_txt2img()
    other = api.add("CLIPTextEncode", text=OTHER, clip=[ckpt, 1])
    joined = api.add("ConditioningCombine", conditioning_1=[positive, 0], conditioning_2=[other, 0])
    _api_sample(api, ckpt, [joined, 0], [negative, 0])
    return api.text()


def _subgraph_cases() -> list[Sample]:
    """A subgraph holding encoder and sampler, its text a promoted widget: left to the inner
    node (properties.proxyWidgets), as the later templates save it; held by the instance
    (widgets_values in the order of the subgraph's widget inputs), as the earlier ones do,
    while the inner node keeps a stale text; held by an instance whose values cannot be
    matched to the inputs, while the inner node holds another text."""
    return [
        _subgraph_case("ui-subgraph-proxy", [], POSITIVE),
        _subgraph_case("ui-subgraph-instance-value", [OTHER], OTHER),
        _subgraph_case("ui-subgraph-unmatched-values", [OTHER, 7], None),
    ]


def _subgraph_case(name: str, values: list[Any], expected: str | None) -> Sample:
    inner = Ui()
    ckpt, negative, positive = _ui_txt2img(inner)
    sampler = inner.add(
        "KSampler", [_SEED, "fixed", 20, 5.0, "euler", "simple", 1.0], _KSAMPLER_INPUTS, ("LATENT",)
    )
    latent = inner.add("EmptyLatentImage", [512, 512, 1], outputs=("LATENT",))
    decode = inner.add(
        "VAEDecode", inputs=(("samples", "LATENT"), ("vae", "VAE")), outputs=("IMAGE",)
    )
    inner.wire(ckpt, 0, sampler, "model")
    inner.wire(positive, 0, sampler, "positive")
    inner.wire(negative, 0, sampler, "negative")
    inner.wire(latent, 0, sampler, "latent_image")
    inner.wire(sampler, 0, decode, "samples")
    inner.wire(ckpt, 2, decode, "vae")
    text_link = len(inner.links) + 1
    image_link = text_link + 1
    inner.nodes[positive - 1]["inputs"].append(
        {"name": "text", "type": "STRING", "link": text_link, "widget": {"name": "text"}}
    )
    links = [
        {"id": link, "origin_id": a, "origin_slot": b, "target_id": c, "target_slot": d, "type": t}
        for link, a, b, c, d, t in inner.links
    ]
    links.append(
        {
            "id": text_link,
            "origin_id": -10,
            "origin_slot": 0,
            "target_id": positive,
            "target_slot": 1,
            "type": "STRING",
        }
    )
    links.append(
        {
            "id": image_link,
            "origin_id": decode,
            "origin_slot": 0,
            "target_id": -20,
            "target_slot": 0,
            "type": "IMAGE",
        }
    )
    definition = {
        "id": "0b7c1d8e-5a4f-4c3b-9e2d-1f0a9b8c7d6e",
        "name": "Text to image",
        "inputs": [{"name": "text", "type": "STRING", "linkIds": [text_link]}],
        "outputs": [{"name": "IMAGE", "type": "IMAGE", "linkIds": [image_link]}],
        "nodes": inner.nodes,
        "links": links,
    }
    outer = Ui(subgraphs=[definition])
    instance = outer.add(definition["id"], values, (("text", "STRING"),), ("IMAGE",))
    outer.nodes[instance - 1]["inputs"][0]["widget"] = {"name": "text"}
    if not values:
        outer.nodes[instance - 1]["properties"] = {"proxyWidgets": [[str(positive), "text"]]}
    save = outer.add("SaveImage", ["ComfyUI"], (("images", "IMAGE"),))
    outer.wire(instance, 0, save, "images")
    return _made(name, expected, "a subgraph with a promoted text", workflow=outer.text())


@cache
def made_samples() -> tuple[Sample, ...]:
    return (*_api_cases(), *_ui_cases())
