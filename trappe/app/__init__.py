"""The application layer: the `trappe` command line and the pipeline that wires the layers.

The only layer allowed to import all the others.
"""
