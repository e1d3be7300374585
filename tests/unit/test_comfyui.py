"""The ComfyUI reader against labelled real files and made graphs: no wrong prompt ever, most
right prompts found; hostile graphs answered quickly and without an exception."""

import json
import time
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranker.metadata.comfyui import GRAPH_CHARS, HOPS, NODES, generation
from tests.corpus import Sample
from tests.corpus.comfyui import (
    NEGATIVE,
    POSITIVE,
    Api,
    comfyui_samples,
    graphs,
    labels,
    made_samples,
    output_samples,
)
from tests.corpus.packages import wheel

FOUND_SHARE = 0.95
"""The share of labelled samples with a prompt that must be found (issue 35's target)."""


def _read(sample: Sample):
    api, workflow = graphs(sample)
    return generation(api, workflow)


@pytest.fixture(scope="module")
def answers() -> list[tuple[Sample, object]]:
    return [(sample, _read(sample)) for sample in comfyui_samples()]


def test_no_labelled_sample_gets_a_wrong_prompt(answers):
    wrong = [
        (sample.name, sample.prompt, found.prompt)
        for sample, found in answers
        if found.prompt is not None and found.prompt != sample.prompt
    ]
    assert wrong == []


def test_most_labelled_prompts_are_found(answers):
    with_prompt = [(sample, found) for sample, found in answers if sample.prompt is not None]
    missed = [(sample.name, found.notes) for sample, found in with_prompt if found.prompt is None]
    found = len(with_prompt) - len(missed)
    print(f"\nComfyUI labelled samples: {found}/{len(with_prompt)} prompts found; missed {missed}")
    assert found >= FOUND_SHARE * len(with_prompt), missed


def test_the_corpus_is_wide():
    doc = labels()
    templates = doc["templates"]
    assert len(templates) >= 40
    assert sum(label["prompt"] is None for label in templates) >= 5
    assert {label["template"] for label in templates} >= {
        "sdxl_simple_example",
        "flux_schnell",
        "sd3.5_simple_example",
        "hidream_i1_dev",
        "image_qwen_image_edit",
        "text_to_video_wan",
        "image_z_image_turbo",
        "api_bfl_flux_pro_t2i",
    }
    assert len(doc["outputs"]) >= 5


def test_samples_without_a_prompt_get_none_with_a_reason(answers):
    for sample, found in answers:
        if sample.prompt is None:
            assert found.prompt is None, sample.name
            assert found.notes, sample.name


def test_real_outputs_give_the_same_prompt_from_either_graph():
    for sample in output_samples():
        api, workflow = graphs(sample)
        assert api and workflow
        from_api = generation(api, None)
        from_workflow = generation(None, workflow)
        assert from_api.prompt == from_workflow.prompt == sample.prompt, sample.name
        assert from_api.source == "prompt" and from_workflow.source == "workflow"


def test_the_record_comes_from_the_sampler_of_the_prompt():
    made = {sample.name: sample for sample in made_samples()}
    found = _read(made["made-api-negative-first.png"])
    assert (found.prompt, found.negative_prompt) == (POSITIVE, NEGATIVE)
    assert (found.seed, found.steps, found.cfg, found.sampler) == (123456789, 30, 7.0, "dpmpp_2m")
    assert (found.model, found.generator) == ("sd_xl_base_1.0.safetensors", "ComfyUI")
    flux = _read(made["made-api-flux-custom-advanced.png"])
    assert (flux.seed, flux.steps, flux.sampler, flux.model) == (
        123456789,
        20,
        "euler",
        "flux1-dev.safetensors",
    )
    assert flux.cfg is None and flux.negative_prompt is None
    workflow = _read(made["made-ui-reroutes.png"])
    assert (workflow.seed, workflow.steps, workflow.cfg, workflow.sampler) == (
        123456789,
        25,
        6.5,
        "euler",
    )
    assert (workflow.negative_prompt, workflow.model) == (NEGATIVE, "sd15.safetensors")


def test_the_api_graph_decides_even_when_it_finds_no_prompt():
    made = {sample.name: sample for sample in made_samples()}
    api, workflow = graphs(made["made-api-decides.png"])
    assert generation(None, workflow).prompt == POSITIVE
    decided = generation(api, workflow)
    assert decided.prompt is None and decided.source == "prompt"
    assert any("joins two different texts" in note for note in decided.notes)


def test_largest_templates_are_read_quickly():
    doc = labels()
    with zipfile.ZipFile(wheel(doc["package"], doc["version"])) as archive:
        infos = [info for info in archive.infolist() if info.filename.endswith(".json")]
        by_size = sorted(infos, key=lambda info: info.file_size, reverse=True)
        texts = (archive.read(info).decode() for info in by_size)
        workflows = [text for text in texts if '"last_node_id"' in text[:4096]][:5]
    assert len(workflows) == 5
    for text in workflows:
        start = time.perf_counter()
        generation(None, text)
        elapsed = time.perf_counter() - start
        print(f"\n{len(text):,} characters: {elapsed * 1000:.1f} ms")
        assert elapsed < 0.25


# hostile graphs -------------------------------------------------------------------------------


def _bounded(api: str | None, workflow: str | None, seconds: float = 1.0):
    start = time.perf_counter()
    found = generation(api, workflow)
    assert time.perf_counter() - start < seconds
    assert found.prompt is None and found.notes and found.generator == "ComfyUI"
    return found


def test_cyclic_api_conditioning_ends():
    api = Api()
    first = api.add("FluxGuidance", guidance=3.5)
    second = api.add("ConditioningSetArea")
    api.nodes[first]["inputs"]["conditioning"] = [second, 0]
    api.nodes[second]["inputs"]["conditioning"] = [first, 0]
    sampler = api.add("KSampler", seed=1, steps=2, positive=[first, 0], negative=[second, 0])
    api.nodes[sampler]["inputs"]["latent_image"] = [sampler, 0]
    api.add("SaveImage", images=[api.add("VAEDecode", samples=[sampler, 0]), 0])
    _bounded(api.text(), None)


def test_cyclic_workflow_links_end():
    nodes = [
        {"id": 1, "type": "Reroute", "inputs": [{"name": "", "type": "*", "link": 2}]},
        {"id": 2, "type": "Reroute", "inputs": [{"name": "", "type": "*", "link": 1}]},
        {"id": 3, "type": "FluxGuidance", "mode": 4, "inputs": [{"name": "c", "link": 3}]},
        {
            "id": 4,
            "type": "KSampler",
            "inputs": [{"name": "positive", "type": "CONDITIONING", "link": 1}],
            "outputs": [{"name": "LATENT", "type": "LATENT"}],
            "widgets_values": [1, "fixed", 20, 7, "euler", "normal", 1],
        },
        {"id": 5, "type": "SaveImage", "inputs": [{"name": "images", "link": 4}]},
    ]
    links = [[1, 2, 0, 1, 0, "*"], [2, 1, 0, 2, 0, "*"], [3, 3, 0, 3, 0, "*"], [4, 4, 0, 5, 0, "x"]]
    _bounded(None, json.dumps({"nodes": nodes, "links": links}))


def test_a_subgraph_holding_itself_ends():
    inner_id = "00000000-0000-0000-0000-000000000001"
    definition = {
        "id": inner_id,
        "nodes": [{"id": 1, "type": inner_id, "inputs": [], "outputs": []}],
        "links": [],
        "inputs": [],
        "outputs": [{"name": "IMAGE", "linkIds": [9]}],
    }
    workflow = {
        "nodes": [
            {"id": 1, "type": inner_id, "outputs": [{"name": "IMAGE", "links": [1]}]},
            {"id": 2, "type": "SaveImage", "inputs": [{"name": "images", "link": 1}]},
        ],
        "links": [[1, 1, 0, 2, 0, "IMAGE"]],
        "definitions": {"subgraphs": [definition]},
    }
    _bounded(None, json.dumps(workflow))


def test_huge_graphs_are_refused_quickly():
    api = {str(i): {"class_type": "N"} for i in range(100_000)}
    found = _bounded(json.dumps(api), None)
    assert any(f"over {GRAPH_CHARS:,}" in note for note in found.notes)
    api = {str(i): {"class_type": "N"} for i in range(NODES + 1)}
    found = _bounded(json.dumps(api), None)
    assert any(f"over {NODES:,}" in note for note in found.notes)
    workflow = {"nodes": [{"id": i, "type": "Note"} for i in range(100_000)], "links": []}
    _bounded(None, json.dumps(workflow))


def test_long_chains_stop_at_the_hop_limit():
    api = Api()
    text = api.add("CLIPTextEncode", text=POSITIVE)
    link = [text, 0]
    for _ in range(HOPS * 3):
        link = [api.add("FluxGuidance", guidance=3.5, conditioning=link), 0]
    sampler = api.add("KSampler", seed=1, steps=2, positive=link)
    api.add("SaveImage", images=[api.add("VAEDecode", samples=[sampler, 0]), 0])
    found = _bounded(api.text(), None)
    assert any("deep" in note for note in found.notes)


def test_deep_nesting_and_wrong_types_are_notes():
    _bounded("[" * 100_000 + "]" * 100_000, None)
    _bounded(None, '{"nodes": ' + "[" * 50_000 + "]" * 50_000 + "}")
    _bounded("not json", "{also not json")
    _bounded(json.dumps([1, 2, 3]), json.dumps({"nodes": 5, "links": "x"}))
    _bounded(json.dumps({"1": {"class_type": 5, "inputs": []}}), None)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 20) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=20,
)
_NAMES = st.sampled_from(
    ["KSampler", "SaveImage", "CLIPTextEncode", "Reroute", "PrimitiveNode", "ConditioningCombine"]
)


@settings(max_examples=120, deadline=None)
@given(
    st.dictionaries(
        st.integers(1, 30).map(str),
        st.fixed_dictionaries(
            {
                "class_type": _NAMES,
                "inputs": st.dictionaries(
                    st.text(max_size=10),
                    _JSON | st.tuples(st.integers(1, 30).map(str), st.integers(0, 3)).map(list),
                    max_size=6,
                ),
            }
        ),
        max_size=20,
    )
)
def test_any_api_graph_is_answered(graph):
    found = generation(json.dumps(graph), None)
    assert found.prompt is None or isinstance(found.prompt, str)


@settings(max_examples=120, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "nodes": st.lists(
                st.fixed_dictionaries(
                    {
                        "id": st.integers(-20, 20),
                        "type": _NAMES | st.text(max_size=5),
                        "mode": st.sampled_from([0, 2, 4, "x"]),
                        "inputs": st.lists(
                            st.fixed_dictionaries(
                                {
                                    "name": _NAMES
                                    | st.sampled_from(["positive", "images", "text"]),
                                    "link": st.integers(0, 20) | st.none(),
                                    "type": st.sampled_from(["*", "IMAGE", "CONDITIONING"]),
                                }
                            ),
                            max_size=4,
                        ),
                        "widgets_values": _JSON,
                    }
                ),
                max_size=15,
            ),
            "links": st.lists(st.lists(st.integers(-20, 20), min_size=6, max_size=6), max_size=25),
        }
    )
)
def test_any_workflow_is_answered(workflow):
    found = generation(None, json.dumps(workflow))
    assert found.prompt is None or isinstance(found.prompt, str)


def test_text_nodes_cannot_blow_up():
    api = Api()
    text = api.add("PrimitiveString", value="x" * 1000)
    for _ in range(40):
        text = api.add("StringConcatenate", string_a=[text, 0], string_b=[text, 0], delimiter="")
    wide = api.add("StringReplace", string="y" * 60_000, find="", replace="z" * 60_000)
    both = api.add("StringConcatenate", string_a=[text, 0], string_b=[wide, 0], delimiter="")
    encoded = api.add("CLIPTextEncode", text=[both, 0])
    sampler = api.add("KSampler", seed=1, steps=2, positive=[encoded, 0])
    api.add("SaveImage", images=[api.add("VAEDecode", samples=[sampler, 0]), 0])
    found = _bounded(api.text(), None)
    assert any("longer than any prompt" in note for note in found.notes)


def test_a_prompt_text_that_is_no_graph_leaves_it_to_the_workflow():
    made = {sample.name: sample for sample in made_samples()}
    _, workflow = graphs(made["made-ui-reroutes.png"])
    for api in ("a lighthouse, oil painting", json.dumps({"prompt": "a lighthouse"}), "{}"):
        found = generation(api, workflow)
        assert (found.prompt, found.source) == (POSITIVE, "workflow")
        assert found.notes
    assert generation(None, None).prompt is None
