"""Reading back the documents the product files: the fonts a PDF carries."""

from __future__ import annotations

from typing import Any

from pypdf import PdfReader


def embedded_fonts(reader: PdfReader) -> set[str]:
    """The names of the fonts whose glyphs travel inside the file (a font only named would
    be drawn by whatever the reader's machine has, or not at all)."""
    names = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for reference in resources["/Font"].values():
            font = reference.get_object()
            descriptors = [font.get("/FontDescriptor")]
            descriptors += [
                d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])
            ]
            for descriptor in filter(None, descriptors):
                fields = descriptor.get_object()
                if any(key in fields for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(font["/BaseFont"]))
    return names
