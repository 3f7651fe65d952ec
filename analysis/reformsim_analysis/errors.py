"""The one exception the loaders raise for a file they will not read.

Readers of simulation output must fail loudly and name the file: a silently half-read or
truncated file produces plausible-looking but wrong figures. Command-line scripts catch
this exception once, print its message and exit with status 2.
"""


class FileRefused(Exception):
    """A file that is missing, not HDF5, damaged, incomplete or not a reformsim file."""

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
