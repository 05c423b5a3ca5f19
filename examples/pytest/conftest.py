"""The pytest fixture: a fresh Sessy emulator per test, on a free port, its clock stepped by hand."""
import pytest

from battsim_fixture import start_battsim


@pytest.fixture
def sessy():
    with start_battsim("sessy", "--speed", "manual", "--seed", "42") as emulator:
        yield emulator
