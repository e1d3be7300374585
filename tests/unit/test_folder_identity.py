"""Which folder kept in this browser a folder opened now is: the same one, one that changed,
or another folder with the same name."""

import json

from ranker.folder_identity import Changed, Known, New, Same, changes, identify, read_listing

SHOTS = {f"DCIM/IMG_000{i}.JPG": (1000 + i, 1_700_000_000_000 + i) for i in range(4)}
# Another camera card: the same names, other pictures.
OTHER_CARD = {path: (size + 7, modified + 86_400_000) for path, (size, modified) in SHOTS.items()}


def kept(**counts: int):
    """answers(id) for identify: the answers this browser keeps per folder id."""
    return lambda folder_id: counts.get(folder_id, 0)


def test_the_same_listing_is_the_same_folder() -> None:
    assert identify(dict(SHOTS), [Known("a", dict(SHOTS))], kept(a=4)) == Same("a")


def test_another_folder_with_the_same_names_is_never_the_same() -> None:
    decision = identify(OTHER_CARD, [Known("a", dict(SHOTS))], kept(a=4))
    assert isinstance(decision, Changed)
    assert (decision.id, decision.answers) == ("a", 4)
    assert decision.changes is not None
    assert decision.changes.changed == tuple(sorted(SHOTS))
    assert decision.changes.same == 0


def test_a_changed_folder_says_what_changed() -> None:
    now = dict(SHOTS)
    del now["DCIM/IMG_0000.JPG"]
    now["DCIM/IMG_0001.JPG"] = (5, 5)
    now["DCIM/IMG_0009.JPG"] = (9, 9)
    diff = changes(SHOTS, now)
    assert diff.new == ("DCIM/IMG_0009.JPG",)
    assert diff.missing == ("DCIM/IMG_0000.JPG",)
    assert diff.changed == ("DCIM/IMG_0001.JPG",)
    assert diff.same == 2
    assert diff.summary() == (
        "1 new image (DCIM/IMG_0009.JPG), 1 missing (DCIM/IMG_0000.JPG), "
        "1 changed (DCIM/IMG_0001.JPG)"
    )


def test_the_summary_names_a_few_and_counts_all() -> None:
    diff = changes({}, {f"{i}.png": (i, i) for i in range(1500)})
    assert diff.summary() == "1,500 new images (0.png, 1.png, …)"
    assert not changes(SHOTS, dict(SHOTS))


def test_unknown_stamps_compare_by_path_alone() -> None:
    paths_only = {path: None for path in SHOTS}
    assert not changes(paths_only, SHOTS)
    assert not changes(SHOTS, paths_only)
    assert identify(paths_only, [Known("a", dict(SHOTS))], kept(a=1)) == Same("a")


def test_the_exact_match_wins_over_a_folder_with_more_answers() -> None:
    known = [Known("first", dict(SHOTS)), Known("second", OTHER_CARD)]
    assert identify(OTHER_CARD, known, kept(first=9)) == Same("second")
    assert identify(dict(SHOTS), known, kept(first=9)) == Same("first")
    twins = [Known("few", dict(SHOTS)), Known("many", dict(SHOTS))]
    assert identify(dict(SHOTS), twins, kept(few=1, many=5)) == Same("many")


def test_an_exact_match_reads_no_journal() -> None:
    def unread(folder_id: str) -> int:
        raise AssertionError(f"the answers of {folder_id} were counted")

    known = [Known("a", dict(SHOTS)), Known("b", OTHER_CARD)]
    assert identify(dict(SHOTS), known, unread) == Same("a")


def test_the_closest_folder_with_answers_is_offered() -> None:
    near = dict(SHOTS)
    near["DCIM/IMG_0000.JPG"] = (1, 1)
    known = [Known("far", OTHER_CARD), Known("near", near), Known("empty", {})]
    decision = identify(dict(SHOTS), known, kept(far=50, near=2))
    assert decision == Changed("near", changes(near, SHOTS), 2)


def test_without_answers_kept_nothing_is_asked_and_the_record_is_reused() -> None:
    assert identify(OTHER_CARD, [Known("a", dict(SHOTS))], kept()) == New("a")
    assert identify(OTHER_CARD, [], kept()) == New(None)


def test_answers_kept_before_listings_were_are_offered_not_resumed() -> None:
    legacy = [Known("upload:DCIM", None)]
    assert identify(dict(SHOTS), legacy, kept(**{"upload:DCIM": 3})) == Changed(
        "upload:DCIM", None, 3
    )
    assert identify(dict(SHOTS), legacy, kept()) == New("upload:DCIM")


def test_read_listing_keeps_images_and_drops_what_it_cannot_trust() -> None:
    sent = json.loads(
        json.dumps(
            [
                ["a.png", 10, 1700000000123],
                ["b.JPG", None, None],
                ["notes.txt", 5, 5],
                [".hidden.png", 5, 5],
                ["c.png", -1, 5],
                ["d.png", True, 5],
                ["e.png", "10", 5],
                ["f.png", 10],
                "g.png",
                [7, 1, 1],
                ["h.png", 10, None],
            ]
        )
    )
    assert read_listing(sent) == {"a.png": (10, 1700000000123), "b.JPG": None}
