"""What a Home Assistant integration's tests do with battsim: the dongle's API, and time under the test's control.

Run: ``python3 -m pytest examples/pytest`` (or ``python3 -m unittest discover -s examples/pytest`` without
pytest). battsim's own ``npm test`` runs this file.
"""
import sys
import unittest

from battsim_fixture import start_battsim


def test_reads_the_power_status(sessy):
    status, body = sessy.request("GET", "/api/v1/power/status", auth=False)
    assert status == 200
    assert 0 <= body["sessy"]["state_of_charge"] <= 1


def test_charges_at_the_setpoint_as_the_clock_advances(sessy):
    assert sessy.sim("POST", "/state", {"soc": 0.3})[0] == 200
    assert sessy.request("POST", "/api/v1/power/active_strategy", {"strategy": "POWER_STRATEGY_API"})[0] == 200
    assert sessy.request("POST", "/api/v1/power/setpoint", {"setpoint": -1500})[0] == 200  # - = charge
    sessy.advance(120)  # two simulated minutes, at once
    _, body = sessy.request("GET", "/api/v1/power/status")
    assert abs(body["sessy"]["power"] + 1500) < 20
    assert body["sessy"]["state_of_charge"] > 0.3


def test_rejects_a_wrong_password_as_the_dongle_does(sessy):
    sessy.credentials = {"user": sessy.credentials["user"], "password": "WRONG"}
    status, _ = sessy.request("GET", "/api/v1/power/active_strategy")
    assert status == 401


if "pytest" not in sys.modules:

    class WithoutPytest(unittest.TestCase):
        """The same checks for ``python3 -m unittest`` where pytest is not installed."""

        def test_all(self):
            for check in (test_reads_the_power_status, test_charges_at_the_setpoint_as_the_clock_advances, test_rejects_a_wrong_password_as_the_dongle_does):
                with self.subTest(check.__name__), start_battsim("sessy", "--speed", "manual", "--seed", "42") as sessy:
                    check(sessy)
