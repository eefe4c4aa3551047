"""Build configuration beyond pyproject.toml: the optional C accelerators for pictures.

``argmap.render._fastdot`` writes the common boxes and arrows of a picture in C, and
``argmap.render._fastwrap`` wraps wide (Japanese, Chinese, Korean) text by wrap.py's rules.
Both are optional: without a C compiler the build goes on without them and argmap uses the
same code in Python (the same output, slower on big maps; see docs/performance.md).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "argmap.render._fastdot",
            sources=["argmap/render/_fastdot.c"],
            depends=["argmap/render/_wrapcore.h"],
            optional=True,
        ),
        Extension(
            "argmap.render._fastwrap",
            sources=["argmap/render/_fastwrap.c"],
            depends=["argmap/render/_wrapcore.h"],
            optional=True,
        ),
    ]
)
