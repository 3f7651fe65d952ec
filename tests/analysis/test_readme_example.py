"""The Python example of analysis/README.md runs as written on an engine-written run file."""

import os
import re

from conftest import REPOSITORY


def test_readme_python_example_runs(run_file, monkeypatch):
    readme = open(os.path.join(REPOSITORY, "analysis", "README.md"), encoding="utf-8").read()
    (example,) = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    monkeypatch.chdir(REPOSITORY)
    namespace = {}
    exec(compile(example.replace("results/demo.h5", run_file), "README.md", "exec"), namespace)
    assert namespace["growth"].sizes["replication"] == 3
    assert "sector" in namespace["table"].columns and not namespace["targets"].empty
