"""The Python package over libmnsim (run by `make test` through ctest; MNSIM_LIBRARY points at
the build's library). Each test checks what a user relies on: the same numbers as the command
line, arrays of the right shape, errors that name the key and value, threads."""
import json
import os
import subprocess
import threading

import numpy as np
import pytest

import mnsim

CLI = os.environ.get("MNSIM_CLI")


def test_run_default_and_override():
    r = mnsim.run(device__needle_length_mm=1.0)
    er = r.summary["absorption"]["enhancement_ratio"]
    curve = r.curve("absorption.cumulative_absorbed_percent")
    assert er > 1
    assert curve.shape == (r.summary["scenario"]["simulation"]["output_points"],)
    assert np.all(np.diff(curve) >= -1e-12)  # cumulative
    assert r.scenario["device"]["needle_length_mm"] == 1.0
    assert len(r.channels) > 0 and np.all(r.channels["depth_um"] > 0)
    assert r.fields is None or r.fields["values"].ndim == 4
    # the default caffeine serum's intact skin is still in its lag phase after 24 h: the ratio
    # is only an upper bound, and the result says so
    a = r.summary["absorption"]
    assert a["enhancement_is_upper_bound"] and a["intact_lag_h"] > 24
    assert f"at most {er}" in repr(r)


@pytest.mark.skipif(CLI is None, reason="MNSIM_CLI not set")
def test_same_numbers_as_the_command_line():
    r = mnsim.run({"device": {"needle_length_mm": 1.0}, "simulation": {"duration_h": 4}})
    out = subprocess.run([CLI, "run", "--set", "device.needle_length_mm=1.0", "--set",
                          "simulation.duration_h=4", "--json"], check=True,
                         capture_output=True, text=True).stdout
    cli = json.loads(out)
    assert r.summary["absorption"] == cli["absorption"]
    assert r.summary["puncture"] == cli["puncture"]


def test_override_forms_agree():
    a = mnsim.run(device__needle_length_mm=0.5, simulation__duration_h=2, course__sessions=1)
    b = mnsim.run(overrides={"device.needle_length_mm": 0.5, "simulation.duration_h": 2,
                             "course.sessions": 1})
    assert a.summary["absorption"] == b.summary["absorption"]


def test_yaml_file(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("device:\n  type: pen\n  needle_length_mm: 1.0\nsimulation:\n  duration_h: 2\n")
    r = mnsim.run(str(f))
    assert r.summary["puncture"]["device_type"] == "pen"


def test_errors_name_key_and_value(tmp_path):
    with pytest.raises(mnsim.ScenarioError) as e:
        mnsim.run(device__needle_length_mm=9.0)
    assert e.value.key == "device.needle_length_mm" and e.value.value == 9.0
    assert "out of range" in e.value.message
    f = tmp_path / "bad.yaml"
    f.write_text("device:\n  needle_length_mm: abc\n")
    with pytest.raises(mnsim.ScenarioError) as e:
        mnsim.run(str(f))
    assert e.value.key == "device.needle_length_mm" and e.value.value == "abc"
    assert "bad.yaml:2:" in e.value.message
    with pytest.raises(mnsim.ScenarioError) as e:
        mnsim.run(devise__needle_length_mm=1.0)
    assert e.value.key == "devise.needle_length_mm"
    with pytest.raises(mnsim.ScenarioError) as e:  # the library's own key and value
        mnsim.run({"skin": {"site": "nowhere"}})
    assert e.value.key == "skin.site" and e.value.value == "nowhere"
    with pytest.raises(mnsim.ScenarioError) as e:
        mnsim.run({"device": {"needle_lenght_mm": 1.0}})
    assert e.value.key == "device.needle_lenght_mm" and e.value.value is None


def test_threads_give_the_serial_results():
    kw = [dict(device__needle_length_mm=x, simulation__duration_h=2, course__sessions=1)
          for x in (0.5, 1.0, 1.5, 2.0)]
    serial = [mnsim.run(**k).summary["absorption"]["absorbed_percent"] for k in kw]
    out = [None] * len(kw)

    def work(i):
        out[i] = mnsim.run(**kw[i]).summary["absorption"]["absorbed_percent"]

    ts = [threading.Thread(target=work, args=(i,)) for i in range(len(kw))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert out == serial


def test_laser_run_and_channels():
    r = mnsim.run(device__type="fractional_laser", device__laser="co2", device__pulse_energy_mj=20,
                  treatment__passes=1, simulation__duration_h=2, course__sessions=1)
    p = r.summary["puncture"]
    assert p["ablative"] and p["ablation_depth_um"] > 0
    assert np.allclose(r.channels["open_depth_um"], p["ablation_depth_um"])


def test_plan_compare_catalogue():
    p = mnsim.plan("acne_scars_moderate", "cheek", setting="clinic")
    assert p["indication"] == "acne_scars_moderate"
    c = mnsim.compare("acne_scars_moderate", "cheek", fitzpatrick=4, laser="nd_yap_1340")
    assert set(c["arms"]) == {"microneedling", "laser"}
    assert c["arms"]["laser"].summary["puncture"]["laser"] == "nd_yap_1340"
    assert all(row["evidence"] for row in c["rows"])
    names = {d["name"] for d in mnsim.catalogue("compounds")}
    assert "caffeine" in names
    assert any(d["type"] == "fractional_laser" for d in mnsim.catalogue("devices"))
    with pytest.raises(mnsim.ScenarioError):
        mnsim.catalogue("planets")
    assert "device.needle_length_mm" in mnsim.keys()


def test_to_pandas():
    pd = pytest.importorskip("pandas")
    df = mnsim.run(simulation__duration_h=2, course__sessions=1).to_pandas()
    assert isinstance(df, pd.DataFrame) and "cumulative_absorbed_percent" in df.columns


CATALOGS = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data", "catalogs")


def test_user_catalogues(monkeypatch):
    """A compound only the user's file has runs with catalogs=; a wrong entry raises with the
    file, line and column; MNSIM_CATALOG_PATH is read; listings give each entry's origin."""
    mine = os.path.join(CATALOGS, "my_compounds.yaml")
    short = {"simulation.duration_h": 1, "course.sessions": 0}
    with pytest.raises(mnsim.ScenarioError):
        mnsim.run(formulation__compound="my_serum", **{k.replace(".", "__"): v for k, v in short.items()})
    r = mnsim.run(overrides=short, catalogs=[mine], formulation__compound="my_serum")
    assert r.scenario["formulation"]["compound"] == "my_serum"
    with pytest.raises(mnsim.ScenarioError) as e:
        mnsim.run(overrides=short, catalogs=os.path.join(CATALOGS, "bad_entry.yaml"))
    assert "bad_entry.yaml:5:14: bad_serum.log_kow: expected a number, got 'high'" in str(e.value)
    with pytest.raises(mnsim.ScenarioError) as e:
        mnsim.catalogue("compounds", catalogs=[os.path.join(CATALOGS, "takes_caffeine.yaml")])
    assert "override: true" in str(e.value) and e.value.key == "catalogs"
    monkeypatch.setenv("MNSIM_CATALOG_PATH", mine)
    listed = {d["name"]: d for d in mnsim.catalogue("compounds")}
    assert listed["my_serum"]["origin"] == mine and listed["caffeine"]["origin"] == "built-in"
    assert listed["my_serum"]["molecular_weight_da"] == 450
    devices = {d["name"]: d["origin"] for d in mnsim.catalogue("devices")}
    assert devices["my_pen"] == mine


def test_population_as_the_command_line(tmp_path):
    """mnsim.population gives the patients of `mnsim population` (same seed, same numbers), at
    any thread count, with population.json's statistics."""
    p = mnsim.population(n=12, seed=3)
    q = mnsim.population(n=12, seed=3, threads=2)
    assert len(p) == 12 and p.stats["patients"] == 12
    for k, v in p.results.items():
        assert np.array_equal(v, q.results[k], equal_nan=True), k
    assert "p95" in json.dumps(p.stats["results"]["absorption.enhancement_ratio"]).lower()
    assert np.all(p.inputs["skin.dermis_um"] > 0)
    if CLI:
        out = tmp_path / "pop"
        subprocess.run([CLI, "population", "--n", "12", "--seed", "3", "-o", str(out), "--quiet"],
                       check=True, capture_output=True)
        cols = (out / "patients.csv").read_text().splitlines()
        head = cols[0].split(",")
        j = head.index("absorption.enhancement_ratio")
        cli = np.array([float(line.split(",")[j]) for line in cols[1:]])
        assert np.allclose(cli, p.results["absorption.enhancement_ratio"], rtol=1e-12)
    with pytest.raises(mnsim.ScenarioError):
        mnsim.population(n=2, device__needle_length_mm=-1)
