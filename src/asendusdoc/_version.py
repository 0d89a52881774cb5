"""The version of asendusdoc, in a module of its own.

Every module that writes the version into a document (the PDF producer, the embedded data,
the CDOC header) imports it from here, never from the root package, whose lazy public API
sits above them all.
"""

__version__ = "0.1.0"
