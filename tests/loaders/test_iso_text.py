"""The loader's fast ISO text for datetimes (history entries) is `props.ms_to_iso`'s, byte for byte."""
import random

import pytest

from app.rules.properties import ms_to_iso
from loaders.import_rows import Bail, _iso


def test_fast_iso_text_equals_ms_to_iso_for_random_and_edge_instants():
    rnd = random.Random(7)
    edges = [0, 1, 999, 86_399_999, 86_400_000, -1, -86_400_001, 1_712_486_137_000, 253_402_300_799_999]
    checked = 0
    for ms in edges + [rnd.randrange(-30_000_000_000_000, 30_000_000_000_000) for _ in range(50_000)]:
        try:
            text = _iso(ms)
        except Bail:        # years before 1000: the generic path formats those
            assert ms < -30_610_224_000_000
            continue
        assert text == ms_to_iso(ms), ms
        checked += 1
    assert checked > 40_000


def test_out_of_range_instants_raise_instead_of_formatting():
    with pytest.raises((OverflowError, OSError, ValueError)):
        _iso(10 ** 20)
