# SPDX-License-Identifier: Apache-2.0
"""The parts of the package that pyproject.toml cannot say: its version, read from the one
place it is written (project(VERSION) in Lanes' top CMakeLists.txt), and liblanes copied in
when LANES_LIBRARY names one."""
import os
import re
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

here = os.path.dirname(os.path.abspath(__file__))


def version():
    with open(os.path.join(here, "..", "CMakeLists.txt")) as f:
        return re.search(r"project\(Lanes VERSION ([0-9.]+)", f.read()).group(1)


class build_with_library(build_py):
    def run(self):
        super().run()
        library = os.environ.get("LANES_LIBRARY")
        if library:
            shutil.copy(library, os.path.join(self.build_lib, "lanes", "liblanes.so"))


setup(version=version(), cmdclass={"build_py": build_with_library})
