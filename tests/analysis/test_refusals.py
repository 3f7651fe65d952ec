"""Files the loaders must refuse, each with a message naming the file and the problem."""

import shutil

import h5py
import pytest

import reformsim_analysis as analysis

from conftest import run_analysis_command


@pytest.fixture
def incomplete_copy(run_file, tmp_path):
    path = str(tmp_path / "incomplete.h5")
    shutil.copy(run_file, path)
    with h5py.File(path, "r+") as handle:
        del handle.attrs["complete"]
    return path


def test_incomplete_file_refused_naming_the_file(incomplete_copy):
    with pytest.raises(analysis.FileRefused) as refused:
        analysis.open_dataset(incomplete_copy)
    assert str(refused.value).startswith(incomplete_copy + ": incomplete file: no root attribute "
                                         "complete = 1")
    assert "allow_incomplete=True" in str(refused.value)


def test_incomplete_file_read_when_allowed(incomplete_copy):
    assert analysis.open_dataset(incomplete_copy, allow_incomplete=True).sizes["replication"] == 3


def test_truncated_file_refused_as_damaged(run_file, tmp_path):
    path = tmp_path / "truncated.h5"
    data = open(run_file, "rb").read()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(analysis.FileRefused, match="damaged or truncated HDF5 file"):
        analysis.open_dataset(str(path))


def test_text_file_refused_as_not_hdf5(tmp_path):
    path = tmp_path / "notes.h5"
    path.write_text("replication,step,value\n0,0,1\n")
    with pytest.raises(analysis.FileRefused) as refused:
        analysis.open_dataframe(str(path))
    assert str(refused.value) == f"{path}: not an HDF5 file (reformsim writes HDF5 run, compare, " \
                                 "decompose, sweep, sensitivity and calibration files; is this " \
                                 "the right path?)"


def test_missing_file_refused(tmp_path):
    with pytest.raises(analysis.FileRefused, match="no such file"):
        analysis.open_dataset(str(tmp_path / "absent.h5"))


def test_unknown_kind_refused_listing_the_known_kinds(run_file, tmp_path):
    path = str(tmp_path / "sweep.h5")
    shutil.copy(run_file, path)
    with h5py.File(path, "r+") as handle:
        handle.attrs["kind"] = "sweep_of_the_future"
    with pytest.raises(analysis.FileRefused, match="file kind 'sweep_of_the_future' cannot be read"
                                                   ".*it reads: run, compare, decompose, sweep, "
                                                   "sweep_chunk, sensitivity, calibration"):
        analysis.open_dataset(path)


def test_hdf5_file_without_the_run_layout_refused(tmp_path):
    path = str(tmp_path / "other.h5")
    with h5py.File(path, "w") as handle:
        handle.create_dataset("numbers", data=[1.0, 2.0])
        handle.attrs["complete"] = 1
    with pytest.raises(analysis.FileRefused, match="not a well-formed reformsim run file: missing "
                                                   "dimension"):
        analysis.open_dataset(path)


def test_command_exits_2_with_the_message_on_an_incomplete_file(incomplete_copy, tmp_path):
    result = run_analysis_command("timeseries", [incomplete_copy, "--out", str(tmp_path / "png")])
    assert result.returncode == 2
    assert f"error: {incomplete_copy}: incomplete file" in result.stderr
    assert not (tmp_path / "png").exists()
