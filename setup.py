"""Build configuration beyond pyproject.toml: the optional C accelerator for DOT pictures.

``argmap.render._fastdot`` writes the common boxes and arrows of a picture in C. It is
optional: without a C compiler the build goes on without it and argmap uses the same code in
Python (byte-identical output, slower on big maps; see docs/performance.md).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "argmap.render._fastdot",
            sources=["argmap/render/_fastdot.c"],
            optional=True,
        )
    ]
)
