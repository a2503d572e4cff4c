from hypothesis import given
from hypothesis import strategies as st

from wirewatch.ingest.normalise import is_truncated, match_key, normalise, text_hash


def test_quotes_dashes_and_spaces_are_unified() -> None:
    assert normalise("\u201cDialogue\u201d \u2014 and\u00a0 \u2018talks\u2019 ") == "\"Dialogue\" - and 'talks'"


def test_nfkc_folds_compatibility_forms() -> None:
    assert normalise("\ufb01nal \u2026") == "final ..."


def test_exact_key_ignores_case_but_hash_is_stable() -> None:
    assert match_key(normalise("China Urged")) == match_key(normalise("china urged"))
    assert text_hash("China urged") == text_hash("china urged")
    assert text_hash("China urged") != text_hash("Russia urged")


def test_truncation_mark() -> None:
    assert is_truncated(normalise("Russia and China tend to share a common trait \u2026"))
    assert not is_truncated("A full sentence.")


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
