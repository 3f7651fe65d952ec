"""What every plotting command shares: FILE --out DIR [--allow-incomplete], the output folder
created if missing, and a refused file turned into one message on stderr and exit status 2
(the engine's convention for bad input).
"""

import argparse
import os
import sys

from reformsim_analysis.errors import FileRefused


def base_parser(program, description):
    """An argument parser with FILE, --out DIR and --allow-incomplete."""
    parser = argparse.ArgumentParser(prog=f"python3 -m reformsim_analysis.{program}",
                                     description=description)
    parser.add_argument("file", metavar="FILE", help="a reformsim output file (HDF5)")
    parser.add_argument("--out", metavar="DIR", required=True,
                        help="folder for the PNGs (created if missing)")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="read a file without complete = 1 (a killed or running writer)")
    return parser


def output_folder(path):
    """Creates the output folder if needed and returns it."""
    os.makedirs(path, exist_ok=True)
    return path


def run_command(main, arguments=None):
    """Runs main(arguments); FileRefused and ValueError become a message and exit status 2."""
    try:
        written = main(arguments)
    except (FileRefused, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0
